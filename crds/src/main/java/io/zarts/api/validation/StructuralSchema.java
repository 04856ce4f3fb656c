package io.zarts.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API server's handling of a structural OpenAPI v3 schema, for offline use: defaulting, then
 * validation of types, unknown fields (kubectl's strict field validation), required fields, enums,
 * numeric ranges, lengths, patterns (RE2, as the API server), item and property counts. CEL rules
 * are {@link CelRules}' job.
 */
final class StructuralSchema {

  private static final Set<String> ENVELOPE = Set.of("apiVersion", "kind", "metadata");
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  private StructuralSchema() {}

  /**
   * Fills absent properties that have a default, recursively, as the API server does before
   * validation.
   */
  static void applyDefaults(JsonNode schema, JsonNode value) {
    if (schema == null || value == null) {
      return;
    }
    if (value.isObject()) {
      ObjectNode object = (ObjectNode) value;
      JsonNode properties = schema.get("properties");
      if (properties != null) {
        properties
            .fields()
            .forEachRemaining(
                p -> {
                  JsonNode def = p.getValue().get("default");
                  if (!object.has(p.getKey()) && def != null) {
                    object.set(p.getKey(), def.deepCopy());
                  }
                  applyDefaults(p.getValue(), object.get(p.getKey()));
                });
      }
      JsonNode additional = schema.get("additionalProperties");
      if (additional != null && additional.isObject()) {
        object.elements().forEachRemaining(v -> applyDefaults(additional, v));
      }
    } else if (value.isArray()) {
      JsonNode items = schema.get("items");
      value.elements().forEachRemaining(v -> applyDefaults(items, v));
    }
  }

  /** Checks value against schema and appends every violation found. */
  static void validate(JsonNode schema, JsonNode value, String path, List<Violation> out) {
    if (value == null || value.isMissingNode()) {
      return;
    }
    if (value.isNull()) {
      if (!schema.path("nullable").asBoolean(false)) {
        out.add(new Violation(path, "must not be null; remove the field to use its default"));
      }
      return;
    }
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      if (!value.isIntegralNumber() && !value.isTextual()) {
        out.add(blocking(path, "must be an integer or a string, got " + describe(value)));
      }
      return;
    }
    String type = schema.path("type").asText("");
    switch (type) {
      case "object" -> validateObject(schema, value, path, out);
      case "array" -> validateArray(schema, value, path, out);
      case "string" -> validateString(schema, value, path, out);
      case "integer" -> validateNumber(schema, value, path, out, true);
      case "number" -> validateNumber(schema, value, path, out, false);
      case "boolean" -> {
        if (!value.isBoolean()) {
          out.add(blocking(path, "must be true or false, got " + describe(value)));
        }
      }
      default -> {
        /* untyped (preserve-unknown-fields): anything goes */
      }
    }
  }

  private static void validateObject(
      JsonNode schema, JsonNode value, String path, List<Violation> out) {
    if (!value.isObject()) {
      out.add(blocking(path, "must be an object, got " + describe(value)));
      return;
    }
    JsonNode properties = schema.get("properties");
    JsonNode additional = schema.get("additionalProperties");
    boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    for (JsonNode required : schema.path("required")) {
      if (!value.has(required.asText()) || value.get(required.asText()).isNull()) {
        out.add(blocking(FieldPath.child(path, required.asText()), "is required"));
      }
    }
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (path.isEmpty() && ENVELOPE.contains(field.getKey())) {
        continue; // the API server checks apiVersion, kind and ObjectMeta itself, outside the CRD
        // schema
      }
      if (properties != null && properties.has(field.getKey())) {
        validate(
            properties.get(field.getKey()),
            field.getValue(),
            FieldPath.child(path, field.getKey()),
            out);
      } else if (additional != null && additional.isObject()) {
        validate(additional, field.getValue(), FieldPath.key(path, field.getKey()), out);
      } else if (!preserveUnknown && properties != null) {
        out.add(
            new Violation(
                FieldPath.child(path, field.getKey()),
                "unknown field; "
                    + (properties.size() == 0
                        ? "this object takes no fields"
                        : "known fields here are " + names(properties)),
                Violation.Kind.UNKNOWN_FIELD));
      }
    }
    checkCount(schema, value.size(), "minProperties", "maxProperties", "entries", path, out);
  }

  private static void validateArray(
      JsonNode schema, JsonNode value, String path, List<Violation> out) {
    if (!value.isArray()) {
      out.add(blocking(path, "must be a list, got " + describe(value)));
      return;
    }
    JsonNode items = schema.get("items");
    for (int i = 0; i < value.size(); i++) {
      if (items != null) {
        validate(items, value.get(i), FieldPath.index(path, i), out);
      }
    }
    checkCount(schema, value.size(), "minItems", "maxItems", "items", path, out);
  }

  private static void validateString(
      JsonNode schema, JsonNode value, String path, List<Violation> out) {
    if (!value.isTextual()) {
      out.add(
          blocking(
              path,
              "must be a string, got "
                  + describe(value)
                  + (value.isValueNode() ? "; quote it" : "")));
      return;
    }
    String text = value.asText();
    if (schema.has("enum") && !contains(schema.get("enum"), value)) {
      out.add(
          blocking(
              path, "unsupported value \"" + text + "\"; use one of " + names(schema.get("enum"))));
      return;
    }
    int length = text.codePointCount(0, text.length());
    checkCount(schema, length, "minLength", "maxLength", "characters", path, out);
    if (schema.has("pattern")) {
      String regex = schema.get("pattern").asText();
      if (!PATTERNS.computeIfAbsent(regex, Pattern::compile).matcher(text).find()) {
        out.add(new Violation(path, "\"" + abbreviate(text) + "\" does not match " + regex));
      }
    }
  }

  private static void validateNumber(
      JsonNode schema, JsonNode value, String path, List<Violation> out, boolean integer) {
    if (!value.isNumber() || (integer && !isWhole(value))) {
      out.add(
          blocking(
              path,
              "must be " + (integer ? "an integer" : "a number") + ", got " + describe(value)));
      return;
    }
    double v = value.asDouble();
    if (schema.has("minimum")) {
      double min = schema.get("minimum").asDouble();
      boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
      if (exclusive ? v <= min : v < min) {
        out.add(
            new Violation(
                path,
                "must be "
                    + (exclusive ? "greater than " : "at least ")
                    + plain(min)
                    + ", got "
                    + value.asText()));
      }
    }
    if (schema.has("maximum")) {
      double max = schema.get("maximum").asDouble();
      boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
      if (exclusive ? v >= max : v > max) {
        out.add(
            new Violation(
                path,
                "must be "
                    + (exclusive ? "less than " : "at most ")
                    + plain(max)
                    + ", got "
                    + value.asText()));
      }
    }
  }

  private static void checkCount(
      JsonNode schema,
      int count,
      String minKey,
      String maxKey,
      String unit,
      String path,
      List<Violation> out) {
    if (schema.has(minKey) && count < schema.get(minKey).asLong()) {
      out.add(
          new Violation(
              path,
              "must have at least " + schema.get(minKey).asLong() + " " + unit + ", has " + count));
    }
    if (schema.has(maxKey) && count > schema.get(maxKey).asLong()) {
      // Too long or too many: the API server checks no rule after these.
      out.add(
          blocking(
              path,
              "must have at most " + schema.get(maxKey).asLong() + " " + unit + ", has " + count));
    }
  }

  private static Violation blocking(String path, String message) {
    return new Violation(path, message, Violation.Kind.BLOCKS_RULES);
  }

  private static boolean isWhole(JsonNode value) {
    return value.isIntegralNumber()
        || (value.isFloatingPointNumber()
            && value.asDouble() == Math.rint(value.asDouble())
            && !Double.isInfinite(value.asDouble()));
  }

  private static boolean contains(JsonNode values, JsonNode value) {
    for (JsonNode v : values) {
      if (v.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static String names(JsonNode node) {
    List<String> names = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> names.add(n.asText()));
    } else {
      node.fieldNames().forEachRemaining(names::add);
    }
    return String.join(", ", names);
  }

  private static String describe(JsonNode value) {
    if (value.isObject()) {
      return "an object";
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isTextual()) {
      return "the string \"" + abbreviate(value.asText()) + "\"";
    }
    return value.toString();
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }

  private static String plain(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
