package io.zarts.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.zarts.api.RepoFiles;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.operator.Examples;
import io.zarts.operator.chart.Dashboard;
import io.zarts.operator.chart.RenderedChart;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's monitoring against real parts: the operator (in this JVM) and a real trainer process
 * export metrics, a real Prometheus scrapes both with the scrape configuration the chart's
 * ServiceMonitor and PodMonitor imply, and every dashboard query and alert expression is evaluated
 * there: the search's rows while the search runs, the evaluation's row while the evaluation runs.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class MonitoringEndToEndIT {

  static final String NS = "mon";
  static final String NAME = "quickstart-evaluate";
  static final String SEARCH_JOB = NAME + "-trainer";
  static final String EVALUATION_JOB = NAME + "-evaluate";
  static final String SEARCH_POD = SEARCH_JOB + "-1";

  /** The dashboard row of the evaluation stage, checked while the evaluation runs. */
  static final String EVALUATION = "Evaluation";

  static final String RATE_INTERVAL = "20s";

  @Inject KubernetesClient client;

  @TestHTTPResource("/")
  URL operatorUrl;

  @TempDir Path work;

  @Test
  void everyDashboardQueryReturnsDataAndEveryAlertEvaluates() throws Exception {
    Path jar = FakeKubelet.trainerJar();
    if (PrometheusServer.binary() == null) {
      if ("true".equals(System.getenv("CI"))) {
        fail("prometheus is not installed: .ci/run installs Debian's prometheus package");
      }
      Assumptions.abort("prometheus is not installed (apt-get install prometheus)");
    }
    RenderedChart chart = RenderedChart.render(RenderedChart.ALL_MONITORING);
    int trainerPort = PrometheusServer.freePort();
    // One static target stands for the trainer pod of whichever Job runs (one at a time here), with
    // the labels the PodMonitor would give the search's pod.
    String config =
        ScrapeConfig.fromMonitors(
            chart,
            "127.0.0.1:" + operatorUrl.getPort(),
            "127.0.0.1:" + trainerPort,
            NS,
            SEARCH_POD);
    Files.createDirectories(work.resolve("prometheus"));
    ArchitectureSearch search = Examples.load("quickstart-evaluate.yaml", NS);
    search.getSpec().getTraining().setEpochs(6);
    Instant started = Instant.now();
    try (PrometheusServer prometheus = PrometheusServer.start(work.resolve("prometheus"), config);
        FakeKubelet kubelet = new FakeKubelet(client, work, jar, trainerPort)) {
      // Each first trainer holds until it is asked to stop, so Prometheus scrapes it for as long as
      // the checks below need, on a fast machine and a slow one alike: the search in epoch 4 of 6
      // (step 28), the evaluation in epoch 3 of 6 (step 20).
      kubelet.firstAttemptEnv(SEARCH_JOB, "ZARTS_FAULT_PAUSE_AT", "step:28");
      kubelet.firstAttemptEnv(EVALUATION_JOB, "ZARTS_FAULT_PAUSE_AT", "evaluation:step:20");
      client.resource(search).create();
      awaitPause(
          kubelet,
          SEARCH_JOB,
          "step:28",
          () -> current().getStatus().getProgress().getEpoch() >= 3);
      Pod pod = client.pods().inNamespace(NS).withName(SEARCH_POD).get();
      chart
          .one("PodMonitor")
          .at("/spec/selector/matchLabels")
          .fields()
          .forEachRemaining(
              e ->
                  assertThat(pod.getMetadata().getLabels())
                      .as("the PodMonitor selects the trainer pod")
                      .containsEntry(e.getKey(), e.getValue().asText()));
      // Every query of the search's rows and every alert has data once Prometheus has scraped both
      // targets often enough.
      awaitNoProblems(prometheus, chart, row -> !row.equals(EVALUATION));
      PromtoolCheck.rules(work, chart.one("PrometheusRule"));

      // SIGTERM releases the paused search: it checkpoints and exits 143, the next pod resumes to
      // the end, and the operator starts the evaluation Job, whose first trainer holds in epoch 3.
      kubelet.process(NS + "/" + SEARCH_JOB).destroy();
      awaitPause(
          kubelet,
          EVALUATION_JOB,
          "evaluation:step:20",
          () -> current().getStatus().getEvaluation().getTestAccuracy() != null);
      assertThat(current().getStatus().getPhase()).isEqualTo(SearchPhase.EVALUATING);
      awaitNoProblems(prometheus, chart, row -> row.equals(EVALUATION));
      DashboardPlots.render(
          prometheus,
          Dashboard.load(),
          started,
          Instant.now(),
          RepoFiles.resolve("operator/target/dashboard/zarts-dashboard.png"));

      kubelet.process(NS + "/" + EVALUATION_JOB).destroy();
      await()
          .atMost(Duration.ofSeconds(240))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> current().getStatus().getPhase() == SearchPhase.SUCCEEDED);
    }
  }

  /** Until the Job's first trainer reports the pause point and the status shows the condition. */
  private static void awaitPause(
      FakeKubelet kubelet, String job, String point, Callable<Boolean> status) {
    await()
        .atMost(Duration.ofSeconds(240))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> kubelet.podLog(job, 1).contains("paused at " + point) && status.call());
  }

  /** Until every query of the chosen dashboard rows and every alert has data. */
  private static void awaitNoProblems(
      PrometheusServer prometheus, RenderedChart chart, Predicate<String> rows) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> assertThat(monitoringProblems(prometheus, chart, Instant.now(), rows)).isEmpty());
  }

  private ArchitectureSearch current() {
    return client.resources(ArchitectureSearch.class).inNamespace(NS).withName(NAME).get();
  }

  /**
   * What is missing: metrics the dashboard or the alerts name that nobody exports, queries without
   * data.
   */
  static List<String> monitoringProblems(
      PrometheusServer prometheus, RenderedChart chart, Instant at, Predicate<String> rows)
      throws Exception {
    Set<String> scraped = new TreeSet<>(prometheus.metricNames());
    JsonNode dashboard = Dashboard.load();
    List<String> problems = new ArrayList<>();
    for (Dashboard.Query q : Dashboard.queries(dashboard)) {
      if (!rows.test(q.row())) {
        continue;
      }
      for (String name : Dashboard.metricNames(q.expr())) {
        if (!scraped.contains(name)) {
          problems.add(q.panel() + ": " + name + " is not exported by the trainer or the operator");
        }
      }
      JsonNode result =
          prometheus.query(Dashboard.runnable(q.expr(), RATE_INTERVAL), at).path("result");
      if (result.isEmpty()) {
        problems.add(q.panel() + " [" + q.legend() + "]: no data for " + q.expr());
      } else if (q.row().equals(EVALUATION) && !finite(result)) {
        // The trainer exports the evaluation gauges from its start, as NaN until an epoch ends.
        problems.add(q.panel() + " [" + q.legend() + "]: only NaN for " + q.expr());
      }
    }
    for (JsonNode rule : chart.one("PrometheusRule").at("/spec/groups/0/rules")) {
      String expr = rule.path("expr").asText();
      for (String name : Dashboard.metricNames(expr)) {
        if (!scraped.contains(name)) {
          problems.add(rule.path("alert").asText() + ": " + name + " is not exported");
        }
      }
      prometheus.query(expr, at); // throws on a PromQL error
    }
    if (!problems.isEmpty()) {
      problems.add("scraped: " + scraped);
    }
    return problems;
  }

  /** Whether an instant vector holds a finite sample. */
  static boolean finite(JsonNode result) {
    for (JsonNode sample : result) {
      double v = Double.parseDouble(sample.path("value").path(1).asText("NaN"));
      if (Double.isFinite(v)) {
        return true;
      }
    }
    return false;
  }
}
