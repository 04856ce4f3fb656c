package io.zarts.trainer.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server (Debian's package, which .ci/run installs) scrapes the trainer's
 * endpoint on loopback after a tiny search, and its query API returns zarts_trainer_epoch. Skipped
 * outside CI when prometheus is absent.
 */
class PrometheusScrapeTest {

  @TempDir Path dir;

  @Test
  void prometheusScrapesTheTrainer() throws Exception {
    Path binary = Path.of("/usr/bin/prometheus");
    if (!Files.isExecutable(binary)) {
      if ("true".equals(System.getenv("CI"))) {
        fail("prometheus is not installed; .ci/run installs Debian's prometheus package");
      }
      Assumptions.abort("prometheus is not installed (apt-get install prometheus)");
    }
    TrainerMetrics metrics = new TrainerMetrics("scraped", "ci");
    try (MetricsServer server = new MetricsServer("127.0.0.1", 0, metrics::scrape)) {
      TrainerMetricsTest.searchWithMetrics(dir.resolve("out"), metrics, server);
      int port = freePort();
      Path config = dir.resolve("prometheus.yml");
      Files.writeString(
          config,
          """
          global:
            scrape_interval: 1s
          scrape_configs:
            - job_name: zarts-trainer
              metrics_path: /metrics
              static_configs:
                - targets: ['127.0.0.1:%d']
          """
              .formatted(server.port()));
      Process prometheus =
          new ProcessBuilder(
                  binary.toString(),
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + dir.resolve("tsdb"),
                  "--web.listen-address=127.0.0.1:" + port)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("prometheus.log").toFile())
              .start();
      try {
        // Waits for the scrape to show up (Prometheus scrapes every second); the bound only ends a
        // hung test.
        String body =
            await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(
                    () -> query(port, "zarts_trainer_epoch"),
                    b -> b.contains("\"search\":\"scraped\""));
        assertThat(body)
            .as(
                Files.exists(dir.resolve("prometheus.log"))
                    ? Files.readString(dir.resolve("prometheus.log"))
                    : "")
            .contains("\"status\":\"success\"")
            .contains("\"__name__\":\"zarts_trainer_epoch\"")
            .contains("\"search\":\"scraped\"")
            .contains("\"2\"]");
      } finally {
        prometheus.destroy();
        if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
          prometheus.destroyForcibly();
        }
      }
    }
  }

  static String query(int port, String expr) {
    try {
      return HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .build()
          .send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + port + "/api/v1/query?query=" + expr))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException | InterruptedException e) {
      return "";
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
