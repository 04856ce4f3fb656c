package io.zarts.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.operator.Examples;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/quickstart.yaml end to end: the operator in the JVM, the mock API server, and the real
 * trainer jar run by a test kubelet. The trainer is killed after its first checkpoint; the
 * replacement pod resumes and the search ends Succeeded with the genotype of the trainer's output
 * in its status.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class QuickstartEndToEndIT {

  @Inject KubernetesClient client;

  @TempDir Path work;

  @Test
  void quickstartSucceedsWithTheRealTrainerAndSurvivesAKill() throws Exception {
    Path jar = FakeKubelet.trainerJar();
    ArchitectureSearch search = Examples.load("quickstart.yaml", "e2e");
    try (FakeKubelet kubelet = new FakeKubelet(client, work, jar)) {
      // The first trainer holds after step 10 (epoch 2 of 3, after the first checkpoint) until it
      // is killed, so
      // the kill lands after a checkpoint and before the end on any machine.
      kubelet.firstAttemptEnv("ZARTS_FAULT_PAUSE_AT", "step:10");
      client.resource(search).create();
      Path claim = kubelet.claim("quickstart-checkpoints");
      await()
          .atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                assertThat(kubelet.podLog("quickstart-trainer", 1)).contains("paused at step:10");
                ArchitectureSearch s = quickstart();
                assertThat(s.getStatus().getProgress().getEpoch())
                    .as("progress of epoch 1 in the status")
                    .isEqualTo(1);
              });
      assertThat(claim.resolve("epoch-000001")).isDirectory();
      Process first = kubelet.process("e2e/quickstart-trainer");
      assertThat(first).as("the first trainer pod is running").isNotNull();
      first.destroyForcibly();

      await()
          .atMost(Duration.ofSeconds(240))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                ArchitectureSearch s = quickstart();
                assertThat(s.getStatus()).isNotNull();
                assertThat(s.getStatus().getPhase())
                    .as("kubelet log " + kubelet.log)
                    .isEqualTo(SearchPhase.SUCCEEDED);
              });
      ArchitectureSearch done = quickstart();
      assertThat(done.getStatus().getGenotype().getText())
          .isEqualTo(Files.readString(claim.resolve("genotype.txt")).strip());
      assertThat(done.getStatus().getTrainer().getAttempts()).isGreaterThanOrEqualTo(2);
      assertThat(done.getStatus().getProgress().getEpoch()).isEqualTo(3);
      assertThat(done.getStatus().getBest().getValidAccuracy()).isPositive();
      assertThat(Files.readString(claim.resolve("progress.json"))).contains("\"resumes\":1");
    }
  }

  private ArchitectureSearch quickstart() {
    return client
        .resources(ArchitectureSearch.class)
        .inNamespace("e2e")
        .withName("quickstart")
        .get();
  }
}
