package io.zarts.api.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Renders the spec part of the CRD schema as the Markdown table in the README. */
final class CrdReference {

  private CrdReference() {}

  static String table(JsonNode specSchema) {
    List<String> rows = new ArrayList<>();
    rows.add("| Field | Type | Default | Allowed | Description |");
    rows.add("|---|---|---|---|---|");
    walk(specSchema, "spec", rows);
    return String.join("\n", rows) + "\n";
  }

  private static void walk(JsonNode node, String path, List<String> rows) {
    node.path("properties")
        .fields()
        .forEachRemaining(
            p -> {
              String child = path + "." + p.getKey();
              JsonNode schema = p.getValue();
              rows.add(
                  "| `"
                      + child
                      + "` | "
                      + type(schema)
                      + " | "
                      + defaultValue(schema)
                      + " | "
                      + allowed(schema)
                      + " | "
                      + cell(schema.path("description").asText(""))
                      + " |");
              JsonNode nested = schema.has("items") ? schema.get("items") : schema;
              walk(nested, child + (schema.has("items") ? "[]" : ""), rows);
            });
  }

  private static String type(JsonNode schema) {
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      return "quantity";
    }
    String type = schema.path("type").asText("");
    if ("array".equals(type)) {
      return "list of " + type(schema.path("items"));
    }
    if ("object".equals(type) && schema.path("additionalProperties").isObject()) {
      return "map of " + type(schema.get("additionalProperties"));
    }
    return type;
  }

  private static String defaultValue(JsonNode schema) {
    JsonNode def = schema.get("default");
    if (def == null || def.isObject()) {
      return "";
    }
    return "`" + (def.isTextual() ? def.asText() : def.toString()) + "`";
  }

  private static String allowed(JsonNode schema) {
    List<String> parts = new ArrayList<>();
    if (schema.has("enum")) {
      List<String> values = new ArrayList<>();
      schema.get("enum").forEach(v -> values.add("`" + v.asText() + "`"));
      parts.add(String.join(", ", values));
    }
    if (schema.has("minimum") || schema.has("maximum")) {
      String lo = schema.has("minimum") ? number(schema.get("minimum")) : "";
      String hi = schema.has("maximum") ? number(schema.get("maximum")) : "";
      String left = schema.path("exclusiveMinimum").asBoolean(false) ? "(" : "[";
      String right = schema.path("exclusiveMaximum").asBoolean(false) ? ")" : "]";
      parts.add(left + lo + ", " + hi + right);
    }
    if (schema.has("maxLength")) {
      parts.add("≤ " + schema.get("maxLength").asInt() + " chars");
    }
    if (schema.has("maxItems")) {
      parts.add("≤ " + schema.get("maxItems").asInt() + " items");
    }
    if (schema.has("maxProperties")) {
      parts.add("≤ " + schema.get("maxProperties").asInt() + " entries");
    }
    if (schema.path("x-kubernetes-validations").size() > 0 || schema.has("pattern")) {
      parts.add("validated");
    }
    return String.join("; ", parts);
  }

  private static String number(JsonNode n) {
    double d = n.asDouble();
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : n.asText();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ");
  }
}
