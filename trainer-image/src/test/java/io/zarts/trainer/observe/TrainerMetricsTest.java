package io.zarts.trainer.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.zarts.trainer.TestSearches;
import io.zarts.trainer.checkpoint.CheckpointStore;
import io.zarts.trainer.checkpoint.FaultInjector;
import io.zarts.trainer.run.PeriodicCheckpointer;
import io.zarts.trainer.run.SessionCheckpoint;
import io.zarts.trainer.train.EpochResult;
import io.zarts.trainer.train.LoopPosition;
import io.zarts.trainer.train.SearchListener;
import io.zarts.trainer.train.SearchLoop;
import io.zarts.trainer.train.SearchSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /metrics scraped during a tiny search: the names, units and labels follow Prometheus conventions.
 */
class TrainerMetricsTest {

  @TempDir Path out;

  static String get(int port) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /**
   * Runs a tiny search with metrics served on a free port; returns the scrapes taken after each
   * epoch.
   */
  static List<String> searchWithMetrics(Path out, TrainerMetrics metrics, MetricsServer server) {
    var search =
        TestSearches.search(
            "metrics",
            TestSearches.tinySpec(
                48,
                "algorithm: mgs, samples: 2, innerSteps: 1, innerBatchSize: 4, warmupEpochs: 1, updateEvery: 2",
                "epochs: 2, batchSize: 8"));
    List<String> scrapes = new ArrayList<>();
    try (SearchSession session = SearchSession.open(search, TestSearches.cpu(null, out));
        CheckpointStore store = new CheckpointStore(out, 2, FaultInjector.NONE, w -> {})) {
      new SearchLoop(
              session,
              SearchListener.all(
                  metrics,
                  new SearchListener() {
                    @Override
                    public void onEpoch(EpochResult r) {
                      try {
                        scrapes.add(get(server.port()));
                      } catch (Exception e) {
                        throw new IllegalStateException(e);
                      }
                    }
                  }),
              new PeriodicCheckpointer(
                  SessionCheckpoint.source(session), store, 1, FaultInjector.NONE, metrics),
              () -> false)
          .run(LoopPosition.start(), 2);
    }
    return scrapes;
  }

  @Test
  void metricsAreServedAndConventional() throws Exception {
    TrainerMetrics metrics = new TrainerMetrics("metrics", "team-a");
    try (MetricsServer server = new MetricsServer("127.0.0.1", 0, metrics::scrape)) {
      List<String> scrapes = searchWithMetrics(out, metrics, server);
      assertThat(scrapes).hasSize(2);
      assertThat(scrapes.get(0))
          .contains("zarts_trainer_epoch{namespace=\"team-a\",search=\"metrics\"} 1.0");
      String last = get(server.port());
      assertThat(last)
          .contains("zarts_trainer_epoch{namespace=\"team-a\",search=\"metrics\"} 2.0")
          .contains("zarts_trainer_steps_total{namespace=\"team-a\",search=\"metrics\"} 6.0")
          .contains("zarts_trainer_alpha_updates_total")
          .contains(
              "zarts_trainer_step_duration_seconds_bucket{namespace=\"team-a\",search=\"metrics\",le=\"0.5\"}")
          .contains("zarts_trainer_alpha_update_duration_seconds_count")
          .contains(
              "zarts_trainer_checkpoint_duration_seconds_count{namespace=\"team-a\",search=\"metrics\"} 2")
          .contains("zarts_trainer_checkpoint_size_bytes_sum")
          .contains("zarts_trainer_validation_accuracy_ratio")
          .contains("zarts_trainer_alpha_entropy_nats{cell=\"normal\"")
          .contains("zarts_trainer_last_checkpoint_timestamp_seconds")
          .contains("zarts_trainer_build_info")
          .contains("jvm_memory_used_bytes")
          .contains("process_cpu_usage");
      Pattern sample =
          Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)\\})? ", Pattern.MULTILINE);
      Matcher m = sample.matcher(last);
      Set<String> allowedLabels =
          Set.of(
              "namespace",
              "search",
              "cell",
              "version",
              "le",
              "area",
              "id",
              "state",
              "action",
              "cause",
              "gc");
      int samples = 0;
      while (m.find()) {
        samples++;
        String name = m.group(1);
        assertThat(name).matches("^[a-z_:][a-z0-9_:]*$");
        if (name.startsWith("zarts_trainer_")) {
          assertThat(m.group(3)).contains("search=\"metrics\"");
        }
        if (m.group(3) != null) {
          for (String label : m.group(3).split(",(?=[a-z_]+=)")) {
            assertThat(allowedLabels)
                .as("label of " + name)
                .contains(label.substring(0, label.indexOf('=')));
          }
        }
      }
      assertThat(samples).isGreaterThan(30);
    }
  }
}
