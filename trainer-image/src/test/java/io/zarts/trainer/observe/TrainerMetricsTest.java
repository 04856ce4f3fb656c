package io.zarts.trainer.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import io.zarts.api.v1alpha1.SearchSpaceName;
import io.zarts.trainer.TestSearches;
import io.zarts.trainer.alpha.AlphaUpdate;
import io.zarts.trainer.alpha.WorkerShare;
import io.zarts.trainer.checkpoint.CheckpointStore;
import io.zarts.trainer.checkpoint.FaultInjector;
import io.zarts.trainer.devices.DevicePool;
import io.zarts.trainer.run.PeriodicCheckpointer;
import io.zarts.trainer.run.SessionCheckpoint;
import io.zarts.trainer.space.SearchSpace;
import io.zarts.trainer.train.EpochResult;
import io.zarts.trainer.train.LoopPosition;
import io.zarts.trainer.train.SearchListener;
import io.zarts.trainer.train.SearchLoop;
import io.zarts.trainer.train.SearchPlan;
import io.zarts.trainer.train.SearchSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
          .contains(
              "zarts_trainer_alpha{cell=\"reduce\",edge=\"4\",namespace=\"team-a\",op=\"dil_conv_5x5\",search=\"metrics\"}")
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
              "gc",
              "edge",
              "op",
              "device");
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
      // The tiny space: 2 nodes give 5 edges, darts-no-none 7 operations, for each cell type.
      Map<String, Double> alphas = alphaSamples(last);
      assertThat(alphas).hasSize(2 * 5 * 7);
      // Softmax weights: each edge's operations sum to 1.
      Map<String, Double> perEdge = new HashMap<>();
      alphas.forEach(
          (labels, w) -> perEdge.merge(labels.replaceAll(",op=\"[^\"]*\"", ""), w, Double::sum));
      assertThat(perEdge).hasSize(2 * 5);
      assertThat(perEdge.values()).allSatisfy(sum -> assertThat(sum).isCloseTo(1, within(1e-3)));
    }
  }

  @Test
  void eachCandidateWorkersDeviceCountsItsCandidatesAndSecondsFromTheStart() {
    SearchSpace space = SearchSpace.of(SearchSpaceName.DARTS, 4);
    TrainerMetrics metrics = new TrainerMetrics("pool", "team-b");
    DevicePool pool = new DevicePool(List.of(Device.cpu(), Device.cpu()), 1, List.of());
    metrics.onStart(new SearchPlan("pool", 0, 3, 10, 1, 100, "cpu()", pool, 0, space, null, 0));
    String before = metrics.scrape();
    for (String device : List.of("cpu:0", "cpu:1")) {
      assertThat(before)
          .contains(
              "zarts_trainer_device_candidates_total{device=\""
                  + device
                  + "\",namespace=\"team-b\",search=\"pool\"} 0.0");
    }
    metrics.onAlphaUpdate(
        1,
        10,
        new AlphaUpdate(
            1.0,
            new double[5],
            new double[0],
            Double.NaN,
            0.1,
            1.0,
            1.0,
            2.0,
            1.5,
            List.of(new WorkerShare("cpu:0", 3, 1.5), new WorkerShare("cpu:1", 2, 1.25))));
    String after = metrics.scrape();
    assertThat(after)
        .contains(
            "zarts_trainer_device_candidates_total{device=\"cpu:0\",namespace=\"team-b\",search=\"pool\"} 3.0")
        .contains(
            "zarts_trainer_device_candidates_total{device=\"cpu:1\",namespace=\"team-b\",search=\"pool\"} 2.0")
        .contains(
            "zarts_trainer_device_candidate_evaluation_seconds_total{device=\"cpu:1\",namespace=\"team-b\",search=\"pool\"} 1.25");
  }

  @Test
  void alphaWeightsAreOneSeriesPerCellEdgeAndOperationWithTheEpochsValues() {
    SearchSpace space = SearchSpace.of(SearchSpaceName.DARTS, 4);
    TrainerMetrics metrics = new TrainerMetrics("alphas", "team-b");
    metrics.onStart(
        new SearchPlan(
            "alphas",
            0,
            3,
            10,
            1,
            100,
            "cpu()",
            DevicePool.single(Device.cpu()),
            0,
            space,
            null,
            0));
    Map<String, Double> before = alphaSamples(metrics.scrape());
    assertThat(before).hasSize(2 * 14 * 8);
    assertThat(before.values()).allMatch(v -> v.isNaN());

    double[][] normal = weights(14, 8, 0);
    double[][] reduce = weights(14, 8, 3);
    metrics.onEpoch(epoch(normal, reduce));
    Map<String, Double> after = alphaSamples(metrics.scrape());
    assertThat(after).hasSize(2 * 14 * 8);
    for (int e = 0; e < 14; e++) {
      for (int k = 0; k < 8; k++) {
        String op = SearchSpace.DARTS_OPS.get(k).opName();
        assertThat(after.get(series("normal", e, op, "alphas", "team-b")))
            .as("normal e%d %s", e, op)
            .isCloseTo(normal[e][k], within(1e-12));
        assertThat(after.get(series("reduce", e, op, "alphas", "team-b")))
            .as("reduce e%d %s", e, op)
            .isCloseTo(reduce[e][k], within(1e-12));
      }
    }
  }

  /** Rows that sum to 1, with a different leading operation on each edge. */
  private static double[][] weights(int edges, int ops, int shift) {
    double[][] w = new double[edges][ops];
    for (int e = 0; e < edges; e++) {
      double sum = 0;
      for (int k = 0; k < ops; k++) {
        w[e][k] = 1 + ((k + e + shift) % ops);
        sum += w[e][k];
      }
      for (int k = 0; k < ops; k++) {
        w[e][k] /= sum;
      }
    }
    return w;
  }

  private static EpochResult epoch(double[][] normal, double[][] reduce) {
    return new EpochResult(
        1, 3, 0.025, 1.0, 0.5, 1.1, 0.4, 2.0, 100, normal, reduce, 1.9, 1.9, 5, null, 0.4, 1, 2.0);
  }

  private static String series(String cell, int edge, String op, String search, String ns) {
    return "cell=\"%s\",edge=\"%d\",namespace=\"%s\",op=\"%s\",search=\"%s\""
        .formatted(cell, edge, ns, op, search);
  }

  /** zarts_trainer_alpha's samples in a scrape: labels as written to the value. */
  static Map<String, Double> alphaSamples(String scrape) {
    Map<String, Double> samples = new HashMap<>();
    Matcher m =
        Pattern.compile("^zarts_trainer_alpha\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE)
            .matcher(scrape);
    while (m.find()) {
      samples.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    return samples;
  }
}
