package io.zarts.trainer.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.zarts.api.progress.TrainerProgress;
import io.zarts.trainer.evaluate.EvaluationListener;
import io.zarts.trainer.observe.ConfigMapProgressReporter;
import io.zarts.trainer.observe.MetricsServer;
import io.zarts.trainer.observe.TrainerMetrics;
import io.zarts.trainer.run.PeriodicCheckpointer;
import io.zarts.trainer.train.SearchListener;
import java.util.function.Consumer;

/**
 * What a trainer run reports besides its files: Prometheus metrics on a port (when one is given)
 * and progress to the ConfigMap named by ZARTS_PROGRESS_CONFIGMAP in ZARTS_NAMESPACE (in a pod):
 * the search's reports under one key, the evaluation's under another. Either may be off.
 */
final class Observability implements AutoCloseable {

  private final TrainerMetrics metrics;
  private final MetricsServer server;
  private final KubernetesClient client;
  private final ConfigMapProgressReporter reporter;
  private final ConfigMapProgressReporter evaluationReporter;

  private Observability(
      TrainerMetrics metrics,
      MetricsServer server,
      KubernetesClient client,
      ConfigMapProgressReporter reporter,
      ConfigMapProgressReporter evaluationReporter) {
    this.metrics = metrics;
    this.server = server;
    this.client = client;
    this.reporter = reporter;
    this.evaluationReporter = evaluationReporter;
  }

  static Observability start(String search, int metricsPort, Consumer<String> log) {
    String namespace =
        firstNonBlank(System.getenv("ZARTS_NAMESPACE"), System.getenv("POD_NAMESPACE"));
    TrainerMetrics metrics = null;
    MetricsServer server = null;
    if (metricsPort >= 0) {
      metrics = new TrainerMetrics(search, namespace == null ? "local" : namespace);
      server = new MetricsServer("0.0.0.0", metricsPort, metrics::scrape);
      log.accept("metrics on :" + server.port() + "/metrics");
    }
    String configMap = System.getenv("ZARTS_PROGRESS_CONFIGMAP");
    KubernetesClient client = null;
    ConfigMapProgressReporter reporter = null;
    ConfigMapProgressReporter evaluationReporter = null;
    if (configMap != null && !configMap.isBlank() && namespace != null) {
      client = new KubernetesClientBuilder().build();
      reporter =
          new ConfigMapProgressReporter(
              client, namespace, configMap, TrainerProgress.FILE_NAME, log);
      evaluationReporter =
          new ConfigMapProgressReporter(
              client, namespace, configMap, TrainerProgress.EVALUATION_KEY, log);
    }
    return new Observability(metrics, server, client, reporter, evaluationReporter);
  }

  SearchListener listener() {
    return metrics == null ? new SearchListener() {} : metrics;
  }

  EvaluationListener evaluationListener() {
    return metrics == null ? new EvaluationListener() {} : metrics.evaluation();
  }

  Consumer<PeriodicCheckpointer.Saved> checkpoints() {
    return metrics == null ? saved -> {} : metrics;
  }

  Consumer<TrainerProgress> reports() {
    return reporter == null ? report -> {} : reporter;
  }

  Consumer<TrainerProgress> evaluationReports() {
    return evaluationReporter == null ? report -> {} : evaluationReporter;
  }

  @Override
  public void close() {
    if (reporter != null) {
      reporter.close();
      evaluationReporter.close();
    }
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static String firstNonBlank(String a, String b) {
    return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : null;
  }
}
