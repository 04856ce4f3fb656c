package io.zarts.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Evaluates the CRD's {@code x-kubernetes-validations} offline, with the API server's semantics:
 * each rule runs at its schema node with {@code self} bound to the value there; rules that mention
 * {@code oldSelf} are transition rules and run only on updates where the old object has a value at
 * the same place (reached through object properties and map keys, not list items). Values are typed
 * by the schema, so a {@code number} field written as 1 is still a double. Standard CEL is
 * available, and of the Kubernetes extension libraries only the quantity functions ({@link
 * QuantityLibrary}).
 */
final class CelRules {

  private static final Pattern OLD_SELF = Pattern.compile("\\boldSelf\\b");

  private final Cel cel =
      CelFactory.standardCelBuilder()
          .setOptions(CelOptions.current().enableHeterogeneousNumericComparisons(true).build())
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .addVar("oldSelf", SimpleType.DYN)
          .addFunctionDeclarations(QuantityLibrary.declarations())
          .addFunctionBindings(QuantityLibrary.bindings())
          .build();
  private final Map<String, CelRuntime.Program> programs = new ConcurrentHashMap<>();

  /**
   * Evaluates every rule under schema on value (and old, for transition rules); appends failures to
   * out.
   */
  void validate(JsonNode schema, JsonNode value, JsonNode old, String path, List<Violation> out) {
    if (schema == null || value == null || value.isNull() || value.isMissingNode()) {
      return;
    }
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      evaluate(rule, schema, value, old, path, out);
    }
    if (value.isObject()) {
      JsonNode properties = schema.get("properties");
      JsonNode additional = schema.get("additionalProperties");
      Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode oldChild = old == null ? null : old.get(field.getKey());
        if (properties != null && properties.has(field.getKey())) {
          validate(
              properties.get(field.getKey()),
              field.getValue(),
              oldChild,
              FieldPath.child(path, field.getKey()),
              out);
        } else if (additional != null && additional.isObject()) {
          validate(
              additional, field.getValue(), oldChild, FieldPath.key(path, field.getKey()), out);
        }
      }
    } else if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        validate(schema.get("items"), value.get(i), null, FieldPath.index(path, i), out);
      }
    }
  }

  /**
   * Compiles every rule of the schema, so a rule that cannot compile fails the build, not a user.
   */
  void compileAll(JsonNode schema, String path, List<Violation> out) {
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      try {
        program(rule.path("rule").asText());
        if (rule.has("messageExpression")) {
          program(rule.get("messageExpression").asText());
        }
      } catch (IllegalStateException e) {
        out.add(new Violation(path, e.getMessage()));
      }
    }
    schema
        .path("properties")
        .fields()
        .forEachRemaining(p -> compileAll(p.getValue(), FieldPath.child(path, p.getKey()), out));
    if (schema.path("additionalProperties").isObject()) {
      compileAll(schema.get("additionalProperties"), FieldPath.key(path, "*"), out);
    }
    if (schema.has("items")) {
      compileAll(schema.get("items"), FieldPath.index(path, 0), out);
    }
  }

  private void evaluate(
      JsonNode rule,
      JsonNode schema,
      JsonNode value,
      JsonNode old,
      String path,
      List<Violation> out) {
    String expression = rule.path("rule").asText();
    boolean transition = OLD_SELF.matcher(expression).find();
    if (transition && (old == null || old.isNull() || old.isMissingNode())) {
      return;
    }
    Map<String, Object> vars = new HashMap<>();
    vars.put("self", toCel(schema, value, path.isEmpty()));
    if (transition) {
      vars.put("oldSelf", toCel(schema, old, path.isEmpty()));
    }
    String where = FieldPath.relative(path, rule.path("fieldPath").asText(""));
    try {
      Object result = program(expression).eval(vars);
      if (!Boolean.TRUE.equals(result)) {
        out.add(new Violation(where, message(rule, vars, expression)));
      }
    } catch (CelEvaluationException e) {
      // As the API server does: at the object the rule is on, not at the rule's fieldPath.
      out.add(
          new Violation(
              path,
              "could not check \""
                  + rule.path("message").asText(expression)
                  + "\": "
                  + e.getMessage()));
    }
  }

  private String message(JsonNode rule, Map<String, Object> vars, String expression) {
    if (rule.has("messageExpression")) {
      try {
        Object message = program(rule.get("messageExpression").asText()).eval(vars);
        if (message instanceof String text && !text.isBlank()) {
          return text;
        }
      } catch (CelEvaluationException e) {
        // Fall back to the static message, as the API server does.
      }
    }
    return rule.has("message") ? rule.get("message").asText() : "failed rule: " + expression;
  }

  private CelRuntime.Program program(String expression) {
    return programs.computeIfAbsent(
        expression,
        e -> {
          try {
            CelAbstractSyntaxTree ast = cel.compile(e).getAst();
            return cel.createProgram(ast);
          } catch (CelValidationException | CelEvaluationException ex) {
            throw new IllegalStateException(
                "CEL rule \"" + e + "\" does not compile: " + ex.getMessage(), ex);
          }
        });
  }

  /**
   * Converts JSON into CEL values typed by the schema. At the root only metadata.name/generateName
   * exist.
   */
  private static Object toCel(JsonNode schema, JsonNode value, boolean root) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return NullValue.NULL_VALUE;
    }
    String type = schema == null ? "" : schema.path("type").asText("");
    if (value.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      JsonNode properties = schema == null ? null : schema.get("properties");
      JsonNode additional = schema == null ? null : schema.get("additionalProperties");
      value
          .fields()
          .forEachRemaining(
              f -> {
                JsonNode childSchema =
                    properties != null && properties.has(f.getKey())
                        ? properties.get(f.getKey())
                        : additional != null && additional.isObject() ? additional : null;
                if (root && f.getKey().equals("metadata")) {
                  map.put("metadata", rootMetadata(f.getValue()));
                } else {
                  map.put(f.getKey(), toCel(childSchema, f.getValue(), false));
                }
              });
      return map;
    }
    if (value.isArray()) {
      List<Object> list = new ArrayList<>();
      JsonNode items = schema == null ? null : schema.get("items");
      value.forEach(v -> list.add(toCel(items, v, false)));
      return list;
    }
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    if (value.isNumber()) {
      return "number".equals(type) || !value.isIntegralNumber()
          ? (Object) value.asDouble()
          : (Object) value.asLong();
    }
    return value.asText();
  }

  private static Map<String, Object> rootMetadata(JsonNode metadata) {
    Map<String, Object> visible = new LinkedHashMap<>();
    for (String key : List.of("name", "generateName")) {
      if (metadata.hasNonNull(key)) {
        visible.put(key, metadata.get(key).asText());
      }
    }
    return visible;
  }
}
