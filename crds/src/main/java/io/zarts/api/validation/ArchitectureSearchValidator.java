package io.zarts.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Accepts or refuses an ArchitectureSearch exactly as the API server would with the generated CRD:
 * defaults from the schema, then the structural schema, then the CEL rules. The operator (whose API
 * server may run an older CRD) and the local CLI (which has no API server) both use it, so the
 * rules live in one place: the CRD.
 */
public final class ArchitectureSearchValidator {

  /** What the API server adds when an error stopped the CEL rules, in our words. */
  static final String RULES_NOT_CHECKED =
      "the rules that relate fields to each other were not checked, since the resource is invalid;"
          + " correct the errors above first";

  /** Where the CRD generator puts the CRD inside the zarts-crds jar. */
  public static final String BUNDLED_CRD = "META-INF/fabric8/architecturesearches.zarts.io-v1.yml";

  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final JsonNode schema;
  private final CelRules cel = new CelRules();

  private ArchitectureSearchValidator(JsonNode schema) {
    this.schema = schema;
  }

  /** A validator for the CRD packaged with this build. */
  public static ArchitectureSearchValidator bundled() {
    try (InputStream in =
        ArchitectureSearchValidator.class.getClassLoader().getResourceAsStream(BUNDLED_CRD)) {
      if (in == null) {
        throw new IllegalStateException(
            BUNDLED_CRD + " is missing from the classpath: build zarts-crds with Maven");
      }
      return fromCrd(new YAMLMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + BUNDLED_CRD, e);
    }
  }

  /** A validator for the served version of a CRD given as a JSON/YAML tree. */
  public static ArchitectureSearchValidator fromCrd(JsonNode crd) {
    for (JsonNode version : crd.path("spec").path("versions")) {
      if (ArchitectureSearch.VERSION.equals(version.path("name").asText())) {
        return new ArchitectureSearchValidator(version.path("schema").path("openAPIV3Schema"));
      }
    }
    throw new IllegalArgumentException("the CRD has no version " + ArchitectureSearch.VERSION);
  }

  /** The openAPIV3Schema this validator applies. */
  public JsonNode schema() {
    return schema;
  }

  /** Checks that every CEL rule in the schema compiles; returns the ones that do not. */
  public List<Violation> compileRules() {
    List<Violation> out = new ArrayList<>();
    cel.compileAll(schema, "", out);
    return out;
  }

  /** Validates a new resource (a create). */
  public Validated validate(JsonNode resource) {
    return validateUpdate(resource, null);
  }

  /** Validates a resource replacing old (an update); transition rules compare the two. */
  public Validated validateUpdate(JsonNode resource, JsonNode old) {
    JsonNode candidate = resource.deepCopy();
    List<Violation> violations = new ArrayList<>();
    checkEnvelope(candidate, violations);
    if (!candidate.isObject()) {
      return new Validated(candidate, violations);
    }
    StructuralSchema.applyDefaults(schema, candidate);
    List<Violation> structural = new ArrayList<>();
    StructuralSchema.validate(schema, candidate, "", structural);
    if (structural.stream().anyMatch(v -> v.kind() == Violation.Kind.UNKNOWN_FIELD)) {
      // Strict field validation refuses the request before anything else is checked.
      violations.addAll(
          structural.stream().filter(v -> v.kind() == Violation.Kind.UNKNOWN_FIELD).toList());
      return new Validated(candidate, violations);
    }
    violations.addAll(structural);
    if (structural.stream().anyMatch(v -> v.kind() == Violation.Kind.BLOCKS_RULES)) {
      violations.add(new Violation("", RULES_NOT_CHECKED));
    } else {
      // Values out of range do not stop the rules, as on the API server.
      JsonNode previous = null;
      if (old != null) {
        previous = old.deepCopy();
        StructuralSchema.applyDefaults(schema, previous);
      }
      cel.validate(schema, candidate, previous, "", violations);
    }
    if (violations.isEmpty()) {
      EvaluationRules.check(candidate, violations);
    }
    return new Validated(candidate, violations);
  }

  /** Validates a typed resource and returns it with the schema defaults applied. */
  public ArchitectureSearch validated(ArchitectureSearch resource) {
    JsonNode tree = SERIALIZATION.convertValue(resource, JsonNode.class);
    String subject = "ArchitectureSearch " + resource.getMetadata().getName();
    return validate(tree).orThrow(subject);
  }

  private static void checkEnvelope(JsonNode resource, List<Violation> out) {
    if (!resource.isObject()) {
      out.add(new Violation("", "an ArchitectureSearch must be a YAML/JSON object"));
      return;
    }
    if (!ArchitectureSearch.API_VERSION.equals(resource.path("apiVersion").asText())) {
      out.add(
          new Violation(
              "apiVersion",
              "must be "
                  + ArchitectureSearch.API_VERSION
                  + ", got \""
                  + resource.path("apiVersion").asText()
                  + "\""));
    }
    if (!ArchitectureSearch.KIND.equals(resource.path("kind").asText())) {
      out.add(
          new Violation(
              "kind",
              "must be "
                  + ArchitectureSearch.KIND
                  + ", got \""
                  + resource.path("kind").asText()
                  + "\""));
    }
    String name = resource.path("metadata").path("name").asText("");
    if (name.isEmpty()) {
      out.add(new Violation("metadata.name", "is required: name the search"));
    } else if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
      out.add(
          new Violation(
              "metadata.name",
              "\""
                  + name
                  + "\" is not a valid name: use lower-case letters,"
                  + " digits, '-' and '.', starting and ending with a letter or digit"));
    }
    if (resource.has("status")
        && resource.get("status").isObject()
        && resource.get("status").size() > 0) {
      // The API server drops status on create (status subresource); so do we, rather than refuse
      // the file.
      ((ObjectNode) resource).remove("status");
    }
  }

  /** The outcome: the defaulted resource and every violation (empty when accepted). */
  public record Validated(JsonNode resource, List<Violation> violations) {

    public boolean isValid() {
      return violations.isEmpty();
    }

    /** The typed, defaulted resource, or a {@link ValidationException} listing every violation. */
    public ArchitectureSearch orThrow(String subject) {
      if (!isValid()) {
        throw new ValidationException(subject, violations);
      }
      return SERIALIZATION.convertValue(resource, ArchitectureSearch.class);
    }
  }
}
