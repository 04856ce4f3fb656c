package io.zarts.operator.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import java.util.Iterator;
import java.util.Map;

/**
 * The JSON merge patch (RFC 7386) of the status subresource that makes the server's status the one
 * the operator computed: the whole new status, plus null for every field of the status the operator
 * last saw that is gone. A merge patch needs no status to exist on the server and names no array
 * index, so an API server accepts it whatever it holds: no status yet, one written meanwhile by
 * another client, or one pruned by an older CRD; and since it carries every field, a stale view of
 * the old status can only leave a field to be removed on the next pass, never one missing. A JSON
 * Patch computed against the client's copy does not hold: "add /status/phase" is refused with 422
 * while the object has no status.
 */
public final class StatusMergePatch {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private StatusMergePatch() {}

  /** The patch body, {"status": {...}}; before may be null (no status seen yet). */
  public static String of(ArchitectureSearchStatus before, ArchitectureSearchStatus after) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("status", replacing(tree(before), tree(after)));
    return SERIALIZATION.asJson(body);
  }

  /** Whether the two statuses serialise alike, so that no write is needed. */
  public static boolean same(ArchitectureSearchStatus a, ArchitectureSearchStatus b) {
    return tree(a).equals(tree(b));
  }

  private static JsonNode tree(ArchitectureSearchStatus status) {
    return status == null
        ? JsonNodeFactory.instance.objectNode()
        : SERIALIZATION.convertValue(status, JsonNode.class);
  }

  /** After, with null for each field of before that after lacks; nested objects alike. */
  static ObjectNode replacing(JsonNode before, JsonNode after) {
    ObjectNode patch = after.deepCopy();
    for (Iterator<Map.Entry<String, JsonNode>> fields = before.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode now = after.get(field.getKey());
      if (now == null || now.isNull()) {
        patch.putNull(field.getKey());
      } else if (now.isObject() && field.getValue().isObject()) {
        patch.set(field.getKey(), replacing(field.getValue(), now));
      }
    }
    return patch;
  }
}
