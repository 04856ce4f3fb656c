package io.zarts.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.operator.Examples;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * training.maxDuration through the operator with the real trainer: a budget of 1 ms is used up by
 * the first weight step, so the search succeeds with reason BudgetExhausted, the epochs it ran and
 * the genotype so far; raising the budget starts a new trainer that resumes and finishes every
 * epoch.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class BudgetEndToEndIT {

  static final String NS = "budget";

  @Inject KubernetesClient client;

  @TempDir Path work;

  @Test
  void aUsedUpBudgetEndsTheSearchAndARaisedOneFinishesIt() throws Exception {
    ArchitectureSearch search = Examples.load("quickstart.yaml", NS);
    search.getSpec().getTraining().setMaxDuration("1ms");
    try (FakeKubelet kubelet = new FakeKubelet(client, work, FakeKubelet.trainerJar())) {
      client.resource(search).create();
      await()
          .atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofMillis(250))
          .untilAsserted(
              () ->
                  assertThat(reason(current(), "Succeeded"))
                      .as("kubelet log " + kubelet.log)
                      .isEqualTo("BudgetExhausted"));
      ArchitectureSearch stopped = current();
      assertThat(stopped.getStatus().getPhase()).isEqualTo(SearchPhase.SUCCEEDED);
      assertThat(condition(stopped, "Succeeded").getMessage())
          .startsWith("training.maxDuration 1ms used up (")
          .contains("of 3 epochs; the genotype is the one found so far");
      assertThat(condition(stopped, "Stalled").getStatus()).isEqualTo("False");
      assertThat(stopped.getStatus().getBudget().getExhausted()).isTrue();
      assertThat(stopped.getStatus().getProgress().getEpoch()).isLessThan(3);
      assertThat(stopped.getStatus().getGenotype()).isNotNull();
      assertThat(kubelet.podLog("quickstart-trainer", 1))
          .contains("training.maxDuration 1ms is used up");
      String firstJob = job().getMetadata().getUid();

      client
          .resources(ArchitectureSearch.class)
          .inNamespace(NS)
          .withName("quickstart")
          .edit(
              s -> {
                s.getSpec().getTraining().setMaxDuration("1h");
                return s;
              });
      await()
          .atMost(Duration.ofSeconds(240))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () ->
                  assertThat(reason(current(), "Succeeded"))
                      .as("kubelet log " + kubelet.log)
                      .isEqualTo("Completed"));
      ArchitectureSearch finished = current();
      assertThat(job().getMetadata().getUid()).as("a new trainer Job").isNotEqualTo(firstJob);
      assertThat(finished.getStatus().getProgress().getEpoch()).isEqualTo(3);
      assertThat(finished.getStatus().getBudget().getExhausted()).isFalse();
      assertThat(finished.getStatus().getBudget().getMaxDuration()).isEqualTo("1h");
      assertThat(kubelet.mostTrainersAliveAtOnce("quickstart")).isEqualTo(1);
    }
  }

  private io.fabric8.kubernetes.api.model.batch.v1.Job job() {
    return client.batch().v1().jobs().inNamespace(NS).withName("quickstart-trainer").get();
  }

  private ArchitectureSearch current() {
    return client.resources(ArchitectureSearch.class).inNamespace(NS).withName("quickstart").get();
  }

  private static String reason(ArchitectureSearch s, String type) {
    Condition c = condition(s, type);
    return c == null || !"True".equals(c.getStatus()) ? null : c.getReason();
  }

  private static Condition condition(ArchitectureSearch s, String type) {
    return s == null || s.getStatus() == null
        ? null
        : s.getStatus().getConditions().stream()
            .filter(c -> c.getType().equals(type))
            .findFirst()
            .orElse(null);
  }
}
