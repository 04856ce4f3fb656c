package io.zarts.operator.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real Prometheus server (Debian's prometheus package) on 127.0.0.1 for tests: started with a
 * given configuration, queried over its HTTP API, stopped on close.
 */
final class PrometheusServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process process;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  final Path log;

  private PrometheusServer(Process process, int port, Path log) {
    this.process = process;
    this.base = "http://127.0.0.1:" + port;
    this.log = log;
  }

  /** The prometheus binary on the PATH, or null. */
  static Path binary() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(dir, "prometheus");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  static PrometheusServer start(Path work, String config) throws Exception {
    Path file = work.resolve("prometheus.yml");
    Files.writeString(file, config);
    int port = freePort();
    Path log = work.resolve("prometheus.log");
    Process p =
        new ProcessBuilder(
                binary().toString(),
                "--config.file=" + file,
                "--storage.tsdb.path=" + work.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port,
                "--web.enable-lifecycle")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PrometheusServer server = new PrometheusServer(p, port, log);
    try {
      // Ready when its health endpoint answers; the bound only ends a start that hangs.
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> server.ready() || !p.isAlive());
    } catch (ConditionTimeoutException e) {
      // reported below
    }
    if (!p.isAlive() || !server.ready()) {
      server.close();
      throw new IllegalStateException("prometheus did not start: " + Files.readString(log));
    }
    return server;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private boolean ready() {
    try {
      return get("/-/ready").statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** An instant query at a given time: the API's data object; fails on an API error. */
  JsonNode query(String expr, Instant at) throws IOException {
    return api("/api/v1/query?query=" + encode(expr) + "&time=" + at.getEpochSecond());
  }

  JsonNode queryRange(String expr, Instant from, Instant to, Duration step) throws IOException {
    return api(
        "/api/v1/query_range?query="
            + encode(expr)
            + "&start="
            + from.getEpochSecond()
            + "&end="
            + to.getEpochSecond()
            + "&step="
            + step.toSeconds()
            + "s");
  }

  /** Every metric name Prometheus has scraped. */
  List<String> metricNames() throws IOException {
    List<String> names = new ArrayList<>();
    api("/api/v1/label/__name__/values").forEach(n -> names.add(n.asText()));
    return names;
  }

  /** Target health, job by job (the "up" metric). */
  JsonNode targets() throws IOException {
    return api("/api/v1/targets");
  }

  private JsonNode api(String path) throws IOException {
    HttpResponse<String> r = get(path);
    JsonNode body = JSON.readTree(r.body());
    if (!"success".equals(body.path("status").asText())) {
      throw new IOException(
          path + ": " + body.path("errorType").asText() + ": " + body.path("error").asText());
    }
    return body.path("data");
  }

  private HttpResponse<String> get(String path) throws IOException {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
