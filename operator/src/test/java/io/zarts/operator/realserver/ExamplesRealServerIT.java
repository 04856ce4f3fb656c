package io.zarts.operator.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zarts.api.RepoFiles;
import io.zarts.api.validation.ArchitectureSearchFiles;
import io.zarts.api.validation.ArchitectureSearchValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in examples/ is accepted by a real API server, as a server-side dry run and as a
 * server-side apply, and the spec the server stores (its defaults filled in) equals the defaulted
 * spec of the offline validator, which is what `zarts validate` prints.
 */
class ExamplesRealServerIT extends RealServerTest {

  private static final ArchitectureSearchValidator VALIDATOR =
      ArchitectureSearchValidator.bundled();
  private static final String COLLECTION =
      "/apis/zarts.io/v1alpha1/namespaces/examples/architecturesearches";

  /** Numbers compare by value: the server writes 1.0 where the validator keeps 1. */
  private static final Comparator<JsonNode> BY_VALUE =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(RepoFiles.resolve("examples"))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void theServerAcceptsTheExampleAndDefaultsItAsTheValidatorDoes(Path example) {
    ObjectNode resource = (ObjectNode) ArchitectureSearchFiles.readTree(example);
    String name = resource.path("metadata").path("name").asText();
    JsonNode expected = VALIDATOR.validate(resource).resource().path("spec");

    RawRequests.Answer dryRun =
        RawRequests.send(
            client,
            "POST",
            COLLECTION + "?dryRun=All&fieldValidation=Strict",
            "application/json",
            resource.toString(),
            null);
    assertThat(dryRun.code()).as(dryRun.body().toString()).isEqualTo(201);
    assertThat(dryRun.body().path("spec").equals(BY_VALUE, expected))
        .as("dry run's spec %s%nvalidator's %s", dryRun.body().path("spec"), expected)
        .isTrue();

    RawRequests.Answer applied =
        RawRequests.send(
            client,
            "PATCH",
            COLLECTION + "/" + name + "?fieldManager=zarts-test&force=true&fieldValidation=Strict",
            "application/apply-patch+yaml",
            resource.toString(),
            null);
    assertThat(applied.code()).as(applied.body().toString()).isIn(200, 201);
    JsonNode stored = RawRequests.get(client, COLLECTION + "/" + name, null).body().path("spec");
    assertThat(stored.equals(BY_VALUE, expected))
        .as("stored spec %s%nvalidator's %s", stored, expected)
        .isTrue();
  }
}
