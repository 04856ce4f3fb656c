package io.zarts.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.zarts.api.RepoFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shape of the committed CRD: names, columns, subresources, and a documented, bounded spec. */
class CrdSchemaTest {

  static JsonNode crd;
  static JsonNode version;

  @BeforeAll
  static void load() throws IOException {
    crd = new YAMLMapper().readTree(RepoFiles.resolve("crds/" + CrdDriftTest.CRD_FILE).toFile());
    version = crd.path("spec").path("versions").get(0);
  }

  @Test
  void namesScopeAndVersion() {
    JsonNode spec = crd.path("spec");
    assertThat(crd.path("metadata").path("name").asText())
        .isEqualTo("architecturesearches.zarts.io");
    assertThat(spec.path("group").asText()).isEqualTo("zarts.io");
    assertThat(spec.path("scope").asText()).isEqualTo("Namespaced");
    assertThat(spec.path("names").path("kind").asText()).isEqualTo("ArchitectureSearch");
    assertThat(spec.path("names").path("plural").asText()).isEqualTo("architecturesearches");
    assertThat(spec.path("names").path("shortNames").toString()).isEqualTo("[\"archsearch\"]");
    assertThat(spec.path("versions")).hasSize(1);
    assertThat(version.path("name").asText()).isEqualTo("v1alpha1");
    assertThat(version.path("served").asBoolean()).isTrue();
    assertThat(version.path("storage").asBoolean()).isTrue();
    assertThat(version.path("subresources").has("status")).isTrue();
  }

  @Test
  void printerColumnsShowPhaseEpochBestTestAndAge() {
    List<String> columns = new ArrayList<>();
    version
        .path("additionalPrinterColumns")
        .forEach(
            c ->
                columns.add(
                    c.path("name").asText()
                        + "="
                        + c.path("jsonPath").asText()
                        + ":"
                        + c.path("type").asText()));
    assertThat(columns)
        .containsExactlyInAnyOrder(
            "Phase=.status.phase:string",
            "Epoch=.status.progress.epoch:integer",
            "Best=.status.best.validAccuracy:number",
            "Test=.status.evaluation.testAccuracy:number",
            "Age=.metadata.creationTimestamp:date");
  }

  @Test
  void everySpecFieldHasADescription() {
    List<String> missing = new ArrayList<>();
    walk(
        specSchema(),
        "spec",
        (path, node) -> {
          if (!node.hasNonNull("description") || node.get("description").asText().isBlank()) {
            missing.add(path);
          }
        });
    assertThat(missing)
        .as("spec fields without a description (add @JsonPropertyDescription)")
        .isEmpty();
  }

  @Test
  void everySpecFieldIsBounded() {
    List<String> unbounded = new ArrayList<>();
    walk(
        specSchema(),
        "spec",
        (path, node) -> {
          String type = node.path("type").asText();
          boolean intOrString = node.path("x-kubernetes-int-or-string").asBoolean(false);
          if (intOrString) {
            return; // quantities: bounded by the map's maxProperties and the API server's quantity
            // parser
          }
          switch (type) {
            case "string" -> {
              if (!node.has("maxLength") && !node.has("enum")) {
                unbounded.add(path + " (string without maxLength or enum)");
              }
            }
            case "array" -> {
              if (!node.has("maxItems")) {
                unbounded.add(path + " (array without maxItems)");
              }
            }
            case "integer", "number" -> {
              if (!node.has("minimum") || !node.has("maximum")) {
                unbounded.add(path + " (" + type + " without minimum and maximum)");
              }
            }
            case "object" -> {
              if (node.has("additionalProperties") && !node.has("maxProperties")) {
                unbounded.add(path + " (map without maxProperties)");
              }
            }
            default -> {}
          }
        });
    assertThat(unbounded)
        .as("unbounded spec fields: CEL cost limits and etcd size need bounds")
        .isEmpty();
  }

  @Test
  void requiredFieldsAreMarked() {
    assertThat(specSchema().path("required").toString()).contains("dataset");
    assertThat(specSchema().path("properties").path("dataset").path("required").toString())
        .contains("name");
  }

  @Test
  void enumsListEveryValue() {
    JsonNode props = specSchema().path("properties");
    assertThat(values(props.path("optimizer").path("properties").path("algorithm").path("enum")))
        .containsExactlyInAnyOrder("mgs", "rs", "gld", "darts");
    assertThat(values(props.path("searchSpace").path("properties").path("name").path("enum")))
        .containsExactlyInAnyOrder("darts", "darts-no-none", "s1", "s2", "s3", "s4");
    assertThat(values(props.path("dataset").path("properties").path("name").path("enum")))
        .containsExactlyInAnyOrder(
            "cifar10", "cifar100", "svhn", "fashion-mnist", "digits", "synthetic");
  }

  static JsonNode specSchema() {
    return version.path("schema").path("openAPIV3Schema").path("properties").path("spec");
  }

  static List<String> values(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }

  interface Visitor {
    void visit(String path, JsonNode node);
  }

  static void walk(JsonNode node, String path, Visitor visitor) {
    node.path("properties")
        .fields()
        .forEachRemaining(
            p -> {
              String child = path + "." + p.getKey();
              visitor.visit(child, p.getValue());
              walk(p.getValue(), child, visitor);
            });
    if (node.has("items")) {
      walk(node.get("items"), path + "[]", visitor);
    }
    if (node.path("additionalProperties").isObject()) {
      walk(node.get("additionalProperties"), path + "{}", visitor);
    }
  }
}
