package io.zarts.trainer.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.zarts.api.progress.TrainerProgress;
import io.zarts.api.progress.TrainerState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Progress reports reach the ConfigMap; an absent ConfigMap or failing API never throws and heals
 * later.
 */
@EnableKubernetesMockClient(crud = true)
class ConfigMapProgressReporterTest {

  static KubernetesClient client;

  static TrainerProgress report(int epoch) {
    TrainerProgress p = new TrainerProgress();
    p.setState(TrainerState.RUNNING);
    p.setEpoch(epoch);
    p.setTotalEpochs(50);
    return p;
  }

  String stored(String name) {
    var cm = client.configMaps().inNamespace("ns").withName(name).get();
    return cm == null || cm.getData() == null ? null : cm.getData().get("progress.json");
  }

  @Test
  void theLatestReportReachesTheConfigMap() {
    client
        .configMaps()
        .inNamespace("ns")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("s-progress")
                .endMetadata()
                .addToData("other", "kept")
                .build())
        .create();
    try (ConfigMapProgressReporter reporter =
        new ConfigMapProgressReporter(
            client, "ns", "s-progress", TrainerProgress.FILE_NAME, l -> {})) {
      for (int e = 1; e <= 5; e++) {
        reporter.accept(report(e));
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                // Absent until the reporter's first patch lands: an assertion, so the wait goes on.
                assertThat(stored("s-progress")).isNotNull();
                assertThat(TrainerProgress.fromJson(stored("s-progress")).getEpoch()).isEqualTo(5);
              });
    }
    assertThat(client.configMaps().inNamespace("ns").withName("s-progress").get().getData())
        .containsEntry("other", "kept");
  }

  @Test
  void aMissingConfigMapIsRetriedWithoutFailingAndHealsWhenItAppears() {
    List<String> log = new ArrayList<>();
    try (ConfigMapProgressReporter reporter =
        new ConfigMapProgressReporter(
            client, "ns", "late-progress", TrainerProgress.FILE_NAME, log::add, 20)) {
      reporter.accept(report(1));
      await().atMost(Duration.ofSeconds(10)).until(() -> reporter.failures() >= 2);
      assertThat(log).anyMatch(l -> l.contains("cannot update ConfigMap ns/late-progress"));
      reporter.accept(report(2));
      client
          .configMaps()
          .inNamespace("ns")
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName("late-progress")
                  .endMetadata()
                  .build())
          .create();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                // Absent until the reporter's first patch lands: an assertion, so the wait goes on.
                assertThat(stored("late-progress")).isNotNull();
                assertThat(TrainerProgress.fromJson(stored("late-progress")).getEpoch())
                    .isEqualTo(2);
              });
    }
  }
}
