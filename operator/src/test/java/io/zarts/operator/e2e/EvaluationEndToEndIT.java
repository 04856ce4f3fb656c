package io.zarts.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.EvaluationStatus;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.operator.Examples;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/quickstart-evaluate.yaml end to end: the operator in the JVM, the mock API server, and
 * the real trainer jar run by a test kubelet for both Jobs. The search Job succeeds, the operator
 * starts the evaluation Job, whose first trainer is killed after its first checkpoint; the
 * replacement resumes and the search ends Succeeded with status.evaluation.testAccuracy equal to
 * the trainer's summary.json on the claim.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class EvaluationEndToEndIT {

  /** 256 training images in batches of 32: step 12 is in epoch 2, after epoch 1's checkpoint. */
  static final String PAUSE = "evaluation:step:12";

  @Inject KubernetesClient client;

  @TempDir Path work;

  @Test
  void searchThenEvaluationSucceedWithTheRealTrainerAndSurviveAKill() throws Exception {
    Path jar = FakeKubelet.trainerJar();
    ArchitectureSearch search = Examples.load("quickstart-evaluate.yaml", "e2e-eval");
    try (FakeKubelet kubelet = new FakeKubelet(client, work, jar)) {
      // Every Job's first pod gets the hook; only the evaluation trainer ever reaches the point.
      kubelet.firstAttemptEnv("ZARTS_FAULT_PAUSE_AT", PAUSE);
      client.resource(search).create();
      Path claim = kubelet.claim("quickstart-evaluate-checkpoints");
      await()
          .atMost(Duration.ofSeconds(300))
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                assertThat(kubelet.podLog("quickstart-evaluate-evaluate", 1))
                    .contains("paused at " + PAUSE);
                ArchitectureSearch s = current();
                assertThat(s.getStatus().getPhase()).isEqualTo(SearchPhase.EVALUATING);
                assertThat(s.getStatus().getEvaluation().getEpoch())
                    .as("evaluation epoch 1 in the status")
                    .isEqualTo(1);
              });
      assertThat(kubelet.podLog("quickstart-evaluate-trainer", 1))
          .as("the search Job ran to its end without pausing")
          .doesNotContain("paused at");
      assertThat(claim.resolve("summary.json")).as("the search's result").exists();
      assertThat(claim.resolve("evaluation/epoch-000001")).isDirectory();
      Process first = kubelet.process("e2e-eval/quickstart-evaluate-evaluate");
      assertThat(first).as("the first evaluation pod is running").isNotNull();
      first.destroyForcibly();

      await()
          .atMost(Duration.ofSeconds(300))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () ->
                  assertThat(current().getStatus().getPhase())
                      .as("kubelet log " + kubelet.log)
                      .isEqualTo(SearchPhase.SUCCEEDED));
      ArchitectureSearch done = current();
      JsonNode summary =
          new ObjectMapper().readTree(claim.resolve("evaluation/summary.json").toFile());
      EvaluationStatus evaluation = done.getStatus().getEvaluation();
      assertThat(evaluation.getTestAccuracy())
          .isEqualTo(summary.get("testAccuracy").asDouble())
          .isBetween(0.0, 1.0);
      assertThat(evaluation.getParameters()).isEqualTo(summary.get("parameters").asLong());
      assertThat(evaluation.getEpoch()).isEqualTo(6);
      assertThat(evaluation.getPhase()).isEqualTo("Succeeded");
      assertThat(evaluation.getModelPath()).endsWith("evaluation/model");
      assertThat(claim.resolve("evaluation/model/model.json")).exists();
      assertThat(done.getStatus().getTrainer().getJobName())
          .isEqualTo("quickstart-evaluate-evaluate");
      assertThat(done.getStatus().getTrainer().getAttempts()).isEqualTo(2);
      assertThat(kubelet.podLog("quickstart-evaluate-evaluate", 2))
          .contains("resuming from checkpoint");
      assertThat(done.getStatus().getGenotype().getText())
          .isEqualTo(Files.readString(claim.resolve("genotype.txt")).strip());
      assertThat(
              done.getStatus().getConditions().stream()
                  .filter(c -> c.getType().equals("Succeeded"))
                  .findFirst()
                  .orElseThrow()
                  .getReason())
          .isEqualTo("Evaluated");
    }
  }

  private ArchitectureSearch current() {
    return client
        .resources(ArchitectureSearch.class)
        .inNamespace("e2e-eval")
        .withName("quickstart-evaluate")
        .get();
  }
}
