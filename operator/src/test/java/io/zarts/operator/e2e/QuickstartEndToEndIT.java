package io.zarts.operator.e2e;

import io.zarts.operator.Examples;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.SearchPhase;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/quickstart.yaml end to end: the operator in the JVM, the mock API server, and the real trainer jar run
 * by a test kubelet. The trainer is killed after its first checkpoint; the replacement pod resumes and the search
 * ends Succeeded with the genotype of the trainer's output in its status.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class QuickstartEndToEndIT {


  @Inject
  KubernetesClient client;

  @TempDir
  Path work;

  @Test
  void quickstartSucceedsWithTheRealTrainerAndSurvivesAKill() throws Exception {
    Path jar = FakeKubelet.trainerJar();
    ArchitectureSearch search = Examples.load("quickstart.yaml", "e2e");
    Set<Integer> epochsSeen = new ConcurrentSkipListSet<>();
    var watcher = Executors.newSingleThreadScheduledExecutor();
    try (FakeKubelet kubelet = new FakeKubelet(client, work, jar)) {
      client.resource(search).create();
      watcher.scheduleWithFixedDelay(() -> {
        ArchitectureSearch s = client.resources(ArchitectureSearch.class).inNamespace("e2e").withName("quickstart")
            .get();
        if (s != null && s.getStatus() != null && s.getStatus().getProgress() != null) {
          epochsSeen.add(s.getStatus().getProgress().getEpoch());
        }
      }, 0, 200, TimeUnit.MILLISECONDS);

      Path claim = kubelet.claim("quickstart-checkpoints");
      await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(100))
          .until(() -> Files.exists(claim.resolve("epoch-000001")));
      Process first = kubelet.process("e2e/quickstart-trainer");
      assertThat(first).as("the first trainer pod is running").isNotNull();
      first.destroyForcibly();

      await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
        ArchitectureSearch s = client.resources(ArchitectureSearch.class).inNamespace("e2e").withName("quickstart")
            .get();
        assertThat(s.getStatus()).isNotNull();
        assertThat(s.getStatus().getPhase()).as("kubelet log " + kubelet.log).isEqualTo(SearchPhase.SUCCEEDED);
      });
      ArchitectureSearch done = client.resources(ArchitectureSearch.class).inNamespace("e2e").withName("quickstart")
          .get();
      assertThat(done.getStatus().getGenotype().getText())
          .isEqualTo(Files.readString(claim.resolve("genotype.txt")).strip());
      assertThat(done.getStatus().getTrainer().getAttempts()).isGreaterThanOrEqualTo(2);
      assertThat(done.getStatus().getProgress().getEpoch()).isEqualTo(3);
      assertThat(done.getStatus().getBest().getValidAccuracy()).isPositive();
      assertThat(epochsSeen).as("progress moved through the epochs").contains(3).hasSizeGreaterThanOrEqualTo(2);
      assertThat(Files.readString(claim.resolve("progress.json"))).contains("\"resumes\":1");
    } finally {
      watcher.shutdownNow();
    }
  }
}
