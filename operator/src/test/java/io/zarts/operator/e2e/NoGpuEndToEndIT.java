package io.zarts.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.Device;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.operator.Examples;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GPU search whose trainer has only the CPU engine (the real trainer jar, as the CPU image runs
 * it): the trainer stops at start with exit code 2 and summary reason NoGPU, the pod failure policy
 * does not retry it, and the search is Failed with reason NoGPU naming the image and the node.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class NoGpuEndToEndIT {

  static final String NS = "nogpu";

  @Inject KubernetesClient client;

  @TempDir Path work;

  @Test
  void aGpuSearchOnTheCpuEngineFailsWithNoGpuAndIsNotRetried() throws Exception {
    ArchitectureSearch search = Examples.load("quickstart.yaml", NS);
    search.getSpec().getResources().setGpus(1);
    search.getSpec().getTrainer().setDevice(Device.AUTO);
    try (FakeKubelet kubelet = new FakeKubelet(client, work, FakeKubelet.trainerJar())) {
      client.resource(search).create();
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(250))
          .untilAsserted(
              () ->
                  assertThat(current().getStatus().getPhase())
                      .as("kubelet log " + kubelet.log)
                      .isEqualTo(SearchPhase.FAILED));
      Condition failed = condition(current(), "Failed");
      assertThat(failed.getReason()).isEqualTo("NoGPU");
      String image =
          client
              .batch()
              .v1()
              .jobs()
              .inNamespace(NS)
              .withName("quickstart-trainer")
              .get()
              .getSpec()
              .getTemplate()
              .getSpec()
              .getContainers()
              .get(0)
              .getImage();
      assertThat(failed.getMessage())
          .startsWith(
              "the trainer stopped at start, CPU-only engine in the image: spec.resources.gpus"
                  + " asks for 1 GPU")
          .contains("trainer.image.flavor: cuda")
          .contains("(image " + image + " on node " + FakeKubelet.NODE + ")");
      assertThat(condition(current(), "Stalled").getReason()).isEqualTo("NoGPU");
      assertThat(kubelet.podLog("quickstart-trainer", 1))
          .contains("error: CPU-only engine in the image");
      assertThat(kubelet.podLog("quickstart-trainer", 2)).as("no second pod").isEmpty();
    }
  }

  private ArchitectureSearch current() {
    return client.resources(ArchitectureSearch.class).inNamespace(NS).withName("quickstart").get();
  }

  private static Condition condition(ArchitectureSearch s, String type) {
    return s.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElse(null);
  }
}
