package io.zarts.operator.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The patch of the status subresource that makes the server's status exactly the one the operator
 * computed: a JSON Patch (RFC 6902) with one operation, "add" of the whole /status, which creates
 * the member when the object has none and replaces it when it has one. It is not a diff: nothing in
 * it depends on what the client believes the server holds, so an API server accepts it whatever it
 * holds (no status yet, one written meanwhile by another client, one pruned by an older CRD), and
 * every field the new status lacks is gone afterwards. A diff computed against the client's copy
 * does not hold: "add /status/phase" is refused with 422 while the object has no status.
 */
public final class StatusPatch {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private StatusPatch() {}

  /** The patch body: [{"op": "add", "path": "/status", "value": {...}}]. */
  public static String of(ArchitectureSearchStatus status) {
    ArrayNode patch = JsonNodeFactory.instance.arrayNode();
    patch.addObject().put("op", "add").put("path", "/status").set("value", tree(status));
    return SERIALIZATION.asJson(patch);
  }

  /** Whether the two statuses serialise alike, so that no write is needed. */
  public static boolean same(ArchitectureSearchStatus a, ArchitectureSearchStatus b) {
    return tree(a).equals(tree(b));
  }

  /**
   * The fields of the written status that the stored one lacks (as status.a.b, status.list[0].c):
   * what an API server whose CRD does not know them pruned.
   */
  public static List<String> prunedFields(
      ArchitectureSearchStatus written, ArchitectureSearchStatus stored) {
    List<String> pruned = new ArrayList<>();
    collectPruned(tree(written), tree(stored), "status", pruned);
    return pruned;
  }

  private static void collectPruned(
      JsonNode written, JsonNode stored, String at, List<String> out) {
    if (written.isObject()) {
      written
          .fields()
          .forEachRemaining(
              f -> {
                if (f.getValue().isNull()) {
                  return;
                }
                JsonNode kept = stored.get(f.getKey());
                String path = at + "." + f.getKey();
                if (kept == null || kept.isNull()) {
                  out.add(path);
                } else {
                  collectPruned(f.getValue(), kept, path, out);
                }
              });
    } else if (written.isArray() && stored.isArray() && written.size() == stored.size()) {
      for (int i = 0; i < written.size(); i++) {
        collectPruned(written.get(i), stored.get(i), at + "[" + i + "]", out);
      }
    }
  }

  private static JsonNode tree(ArchitectureSearchStatus status) {
    return status == null
        ? JsonNodeFactory.instance.objectNode()
        : SERIALIZATION.convertValue(status, JsonNode.class);
  }
}
