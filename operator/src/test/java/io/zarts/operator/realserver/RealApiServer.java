package io.zarts.operator.realserver;

import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.zarts.api.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Kubernetes' apiextensions-apiserver with etcd, on loopback, started once per test JVM by the
 * project's script (.ci/apiserver start) and stopped when the JVM exits. It is the CRD and
 * custom-resource half of kube-apiserver: the tests that use it check what the Fabric8 mock gets
 * wrong (status patches, defaulting, pruning, CEL, the Table API). It serves no core API.
 *
 * <p>Where the server has not been built ({@code .ci/apiserver build}), the tests that need it are
 * skipped, except in CI (CI=true), where they fail.
 */
public final class RealApiServer {

  /** The script's exit code for "not built here". */
  private static final int NOT_BUILT = 3;

  private static RealApiServer shared;
  private static String unavailable;

  private final Path dir;
  private final Config config;

  private RealApiServer(Path dir, Config config) {
    this.dir = dir;
    this.config = config;
  }

  /** The running server; skips (or, in CI, fails) the calling test when it cannot be had. */
  public static synchronized RealApiServer get() {
    if (shared == null && unavailable == null) {
      try {
        shared = start();
      } catch (NotBuiltException e) {
        unavailable = e.getMessage();
      }
    }
    if (shared == null) {
      if ("true".equals(System.getenv("CI"))) {
        fail("the real API server is needed in CI: " + unavailable);
      }
      Assumptions.abort(unavailable);
    }
    return shared;
  }

  /** A new client of the server (the caller closes it). */
  public KubernetesClient client() {
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** The folder of the server's certificates, kubeconfig and logs. */
  public Path dir() {
    return dir;
  }

  /** Creates (or replaces) the CRD and waits until the server serves it. */
  public static void install(KubernetesClient client, CustomResourceDefinition crd) {
    client.resource(crd).unlock().createOr(existing -> existing.update());
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName(crd.getMetadata().getName())
        .waitUntilCondition(
            c ->
                c != null
                    && c.getStatus() != null
                    // a CRD just created may have a status with no conditions yet
                    && c.getStatus().getConditions() != null
                    && c.getStatus().getConditions().stream()
                        .anyMatch(
                            cond ->
                                "Established".equals(cond.getType())
                                    && "True".equals(cond.getStatus())),
            1,
            TimeUnit.MINUTES);
  }

  /** The CRD the project commits, as the chart installs it. */
  public static CustomResourceDefinition projectCrd(KubernetesClient client) {
    try (var in =
        Files.newInputStream(RepoFiles.resolve("crds/architecturesearches.zarts.io-v1.yml"))) {
      return client.apiextensions().v1().customResourceDefinitions().load(in).item();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static RealApiServer start() {
    Path script = RepoFiles.resolve(".ci/apiserver");
    try {
      Path dir =
          Files.createDirectories(
              RepoFiles.resolve("operator/target/real-apiserver-" + ProcessHandle.current().pid()));
      int port = freePort();
      int etcdPort = freePort();
      int peerPort = freePort();
      Path log = dir.resolve("start.log");
      Process p =
          new ProcessBuilder(
                  script.toString(),
                  "start",
                  dir.toString(),
                  String.valueOf(port),
                  String.valueOf(etcdPort),
                  String.valueOf(peerPort),
                  String.valueOf(ProcessHandle.current().pid()))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(".ci/apiserver start did not finish; see " + log);
      }
      String out = Files.readString(log).strip();
      if (p.exitValue() == NOT_BUILT) {
        throw new NotBuiltException(out);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            ".ci/apiserver start failed (" + p.exitValue() + "): " + out);
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      new ProcessBuilder(script.toString(), "stop", dir.toString())
                          .inheritIO()
                          .start()
                          .waitFor(30, TimeUnit.SECONDS);
                    } catch (IOException | InterruptedException e) {
                      // The JVM is exiting; the script's watchdog stops them once this JVM is gone.
                    }
                  }));
      // Built from nothing: a Config read the usual way would take kubernetes.* system properties
      // that a @QuarkusTest earlier in the same JVM set for its mock server.
      Config config =
          new ConfigBuilder(Config.empty())
              .withMasterUrl(Files.readString(dir.resolve("url")).strip())
              .withCaCertFile(dir.resolve("ca.crt").toString())
              .withClientCertFile(dir.resolve("client.crt").toString())
              .withClientKeyFile(dir.resolve("client.key").toString())
              .withNamespace("default")
              .build();
      return new RealApiServer(dir, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static final class NotBuiltException extends RuntimeException {
    NotBuiltException(String message) {
      super(message);
    }
  }
}
