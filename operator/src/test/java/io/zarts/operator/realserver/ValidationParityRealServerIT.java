package io.zarts.operator.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zarts.api.validation.ValidationSamples;
import io.zarts.api.validation.ValidationSamples.Sample;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample of the offline validator's tests gets the same verdict, at the same field paths,
 * from a real API server running the committed CRD: creates as server-side dry runs, updates as
 * dry-run replacements of a stored resource, both with strict field validation (kubectl's default).
 */
class ValidationParityRealServerIT extends RealServerTest {

  private static final String PLURAL = "/apis/zarts.io/v1alpha1/namespaces/%s/architecturesearches";
  private static final String DRY_RUN = "?dryRun=All&fieldValidation=Strict";
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  static List<Sample> samples() {
    return ValidationSamples.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void theServerRefusesAtTheSamePaths(Sample sample) {
    String namespace = "parity-" + NAMESPACES.incrementAndGet();
    String collection = String.format(PLURAL, namespace);
    RawRequests.Answer answer;
    if (sample.old() == null) {
      answer =
          RawRequests.send(
              client,
              "POST",
              collection + DRY_RUN,
              "application/json",
              sample.resource().toString(),
              null);
    } else {
      RawRequests.Answer stored =
          RawRequests.send(
              client, "POST", collection, "application/json", sample.old().toString(), null);
      assertThat(stored.code()).as(stored.body().toString()).isEqualTo(201);
      ObjectNode replacement = sample.resource().deepCopy();
      ((ObjectNode) replacement.path("metadata"))
          .put("resourceVersion", stored.body().path("metadata").path("resourceVersion").asText());
      String name = replacement.path("metadata").path("name").asText();
      answer =
          RawRequests.send(
              client,
              "PUT",
              collection + "/" + name + DRY_RUN,
              "application/json",
              replacement.toString(),
              null);
    }
    assertThat(answer.code()).as(answer.body().toString()).isIn(200, 201, 400, 422);
    assertThat(answer.refusedAt())
        .as(answer.body().path("message").asText())
        .containsExactlyElementsOf(sample.refusedAt().stream().sorted().toList());
  }
}
