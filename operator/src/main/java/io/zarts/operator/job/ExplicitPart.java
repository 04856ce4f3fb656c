package io.zarts.operator.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of a spec object that says something: its fields without nulls, empty values and values
 * equal to the type's defaults, keys sorted. Two releases that differ by a defaulted field, a
 * changed field order or a field left at its default render the same object the same way, so a hash
 * of it changes only when a user changed a value.
 */
public final class ExplicitPart {

  private ExplicitPart() {}

  /** The object without what equals the defaults (both as JSON trees), keys sorted. */
  public static JsonNode of(JsonNode value, JsonNode defaults) {
    if (value == null || value.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!value.isObject()) {
      return value;
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    List<String> names = new ArrayList<>();
    value.fieldNames().forEachRemaining(names::add);
    names.sort(null);
    for (String name : names) {
      JsonNode field = value.get(name);
      JsonNode fallback = defaults == null ? null : defaults.get(name);
      if (field == null || field.isNull() || field.equals(fallback)) {
        continue;
      }
      JsonNode kept = field.isObject() ? of(field, fallback) : field;
      if (!isEmpty(kept)) {
        out.set(name, kept);
      }
    }
    return out;
  }

  private static boolean isEmpty(JsonNode node) {
    return node.isContainerNode() && node.isEmpty();
  }
}
