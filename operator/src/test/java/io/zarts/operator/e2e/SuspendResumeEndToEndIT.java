package io.zarts.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.zarts.api.RepoFiles;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.operator.Examples;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suspend and resume at once while the old trainer pod is still stopping: the operator starts no
 * new trainer until that pod is gone, so two trainers never write the checkpoints together, and the
 * search ends with the genotype of an uninterrupted run. The test kubelet holds the old pod's
 * SIGTERM until the operator has shown (in the status) that it waits for it.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class SuspendResumeEndToEndIT {

  static final String NS = "stop";

  @Inject KubernetesClient client;

  @TempDir Path work;

  @Test
  void resumingWhileTheOldPodStopsNeverRunsTwoTrainers() throws Exception {
    Path jar = FakeKubelet.trainerJar();
    ArchitectureSearch search = Examples.load("quickstart.yaml", NS);
    try (FakeKubelet kubelet = new FakeKubelet(client, work, jar)) {
      kubelet.firstAttemptEnv("ZARTS_FAULT_PAUSE_AT", "step:10");
      client.resource(search).create();
      await()
          .atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> kubelet.podLog("quickstart-trainer", 1).contains("paused at step:10"));

      kubelet.holdTerminations();
      edit(s -> suspend(s, true));
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () ->
                  client.batch().v1().jobs().inNamespace(NS).withName("quickstart-trainer").get()
                          == null
                      && stopping() != null);
      edit(s -> suspend(s, false));
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .untilAsserted(
              () -> {
                Condition ready = condition(current(), "Ready");
                assertThat(ready).isNotNull();
                assertThat(ready.getReason()).isEqualTo("WaitingForPreviousTrainer");
                assertThat(ready.getMessage()).contains("quickstart-trainer-1");
              });
      assertThat(client.batch().v1().jobs().inNamespace(NS).withName("quickstart-trainer").get())
          .as("no new trainer Job while the old pod still runs")
          .isNull();

      kubelet.releaseTerminations(); // SIGTERM: the old trainer checkpoints and exits
      await()
          .atMost(Duration.ofSeconds(240))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () ->
                  assertThat(current().getStatus().getPhase())
                      .as("kubelet log " + kubelet.log)
                      .isEqualTo(SearchPhase.SUCCEEDED));
      assertThat(kubelet.podLog("quickstart-trainer", 1)).contains("stopped by SIGTERM");
      assertThat(kubelet.podLog("quickstart-trainer", 2)).contains("resuming from checkpoint");
      assertThat(kubelet.mostTrainersAliveAtOnce("quickstart")).isEqualTo(1);
      assertThat(current().getStatus().getGenotype().getText())
          .isEqualTo(uninterruptedGenotype(jar));
    }
  }

  /** The genotype of the same search run once, start to end, outside the cluster. */
  private String uninterruptedGenotype(Path jar) throws Exception {
    Path out = work.resolve("uninterrupted");
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                "-jar",
                jar.toString(),
                "search",
                RepoFiles.resolve("examples/quickstart.yaml").toString(),
                "--output-dir",
                out.toString(),
                "--quiet")
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("uninterrupted.log").toFile());
    pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
    Process p = pb.start();
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(work.resolve("uninterrupted.log"))).isZero();
    return Files.readString(out.resolve("genotype.txt")).strip();
  }

  private static ArchitectureSearch suspend(ArchitectureSearch s, boolean suspend) {
    s.getSpec().setSuspend(suspend);
    return s;
  }

  private void edit(UnaryOperator<ArchitectureSearch> change) {
    client.resources(ArchitectureSearch.class).inNamespace(NS).withName("quickstart").edit(change);
  }

  /** The first trainer pod once it is being deleted, else null. */
  private Pod stopping() {
    Pod pod = client.pods().inNamespace(NS).withName("quickstart-trainer-1").get();
    return pod != null && pod.getMetadata().getDeletionTimestamp() != null ? pod : null;
  }

  private ArchitectureSearch current() {
    return client.resources(ArchitectureSearch.class).inNamespace(NS).withName("quickstart").get();
  }

  private static Condition condition(ArchitectureSearch s, String type) {
    List<Condition> conditions = s.getStatus() == null ? List.of() : s.getStatus().getConditions();
    return conditions.stream().filter(c -> c.getType().equals(type)).findFirst().orElse(null);
  }
}
