package io.zarts.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.validation.ArchitectureSearchFiles;
import io.zarts.api.validation.ArchitectureSearchValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example a user may apply passes the CRD's schema and CEL rules and survives a model round
 * trip.
 */
class ExamplesTest {

  static final ArchitectureSearchValidator VALIDATOR = ArchitectureSearchValidator.bundled();
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(RepoFiles.resolve("examples"))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @Test
  void theExamplesTheIssueNamesExist() throws IOException {
    assertThat(examples().map(p -> p.getFileName().toString()))
        .contains("quickstart.yaml", "cifar10-mgs.yaml");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void exampleIsValid(Path example) {
    JsonNode tree = ArchitectureSearchFiles.readTree(example);
    assertThat(VALIDATOR.validate(tree).violations()).as(example.toString()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void exampleRoundTripsThroughTheModel(Path example) {
    JsonNode defaulted = VALIDATOR.validate(ArchitectureSearchFiles.readTree(example)).resource();
    ArchitectureSearch model = ArchitectureSearchFiles.load(example, VALIDATOR);
    JsonNode again = SERIALIZATION.convertValue(model, JsonNode.class);
    assertThat(normalise(again.path("spec"))).isEqualTo(normalise(defaulted.path("spec")));
    assertThat(again.path("metadata").path("name"))
        .isEqualTo(defaulted.path("metadata").path("name"));
    // Writing the model back out must be accepted again, unchanged.
    assertThat(VALIDATOR.validateUpdate(again, defaulted).violations()).isEmpty();
  }

  static JsonNode normalise(JsonNode node) {
    return SERIALIZATION.unmarshal(node.toString(), JsonNode.class);
  }
}
