package io.zarts.operator.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.zarts.api.RepoFiles;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.operator.Examples;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The built operator image, run as the chart runs it (user 10001 from the image, read-only root, no
 * capabilities), against an API server on the host: it starts, answers its liveness and readiness
 * probes, and reconciles a search into a trainer Job and a status. .ci/images runs it with
 * -Dzarts.operator.image=IMAGE once the image is built.
 *
 * <p>The API server here is the Fabric8 mock (CRUD), started in this JVM: the real
 * apiextensions-apiserver of the other real-server tests has no core API, so the operator's Job and
 * pod informers could never start against it. What this test proves is the image (its JVM, its
 * Quarkus application, its configuration from the environment, its user and file system); how a
 * real server treats the operator's requests is checked by the realserver tests.
 */
@EnabledIfSystemProperty(named = "zarts.operator.image", matches = ".+")
class OperatorImageIT {

  static final String NS = "smoke";
  static final String CONTAINER = "zarts-smoke-operator";

  private final ContainerEngine engine =
      new ContainerEngine(System.getProperty("zarts.container.engine", "podman"));
  private final String image = System.getProperty("zarts.operator.image");
  private KubernetesMockServer server;
  private KubernetesClient client;

  @BeforeEach
  void startTheApiServer() throws IOException {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
    allowTheLeaderElectionLease();
    // The chart installs the CRD; the operator does not apply it outside dev mode.
    try (var crd =
        Files.newInputStream(RepoFiles.resolve("crds/architecturesearches.zarts.io-v1.yml"))) {
      client
          .resource(
              client.getKubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class))
          .create();
    }
    engine.removeQuietly(CONTAINER);
  }

  /**
   * The operator asks the API server, before it competes for its Lease, whether it may; the CRUD
   * mock cannot answer that review, so this answers it with what the chart's Role grants.
   */
  private void allowTheLeaderElectionLease() {
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(
            HttpURLConnection.HTTP_CREATED,
            new SelfSubjectRulesReviewBuilder()
                .withNewMetadata()
                .endMetadata()
                .withNewStatus()
                .withIncomplete(false)
                .addNewResourceRule()
                .withApiGroups("coordination.k8s.io")
                .withResources("leases")
                .withVerbs("get", "list", "watch", "create", "update", "patch")
                .endResourceRule()
                .endStatus()
                .build())
        .always();
  }

  @AfterEach
  void stopAll() {
    engine.removeQuietly(CONTAINER);
    client.close();
    server.destroy();
  }

  @Test
  void theImageStartsAnswersItsProbesAndReconcilesASearch() throws Exception {
    int httpPort = freePort();
    // As the chart's Deployment runs it: the user from the image, no capabilities, a read-only
    // root.
    List<String> run =
        new ArrayList<>(
            List.of(
                "run",
                "-d",
                "--name=" + CONTAINER,
                "--network=host",
                "--read-only",
                "--cap-drop=ALL",
                "--security-opt=no-new-privileges"));
    Map<String, String> env =
        Map.of(
            // The Fabric8 client's own setting; Quarkus fixes its api-server-url at build time.
            "KUBERNETES_MASTER", server.url("/").replaceAll("/$", ""),
            "QUARKUS_HTTP_PORT", String.valueOf(httpPort),
            // The chart sets the pod's namespace here; the leader-election Lease lives in it.
            "KUBERNETES_NAMESPACE", "zarts-system");
    env.forEach((name, value) -> run.add("--env=" + name + "=" + value));
    run.add(image);
    engine.run(run.toArray(String[]::new));
    assertThat(engine.run("inspect", "-f", "{{.Config.User}}", CONTAINER)).isEqualTo("10001");

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    for (String probe : new String[] {"/q/health/live", "/q/health/ready"}) {
      await("the operator's " + probe)
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> upOrStopped(http, httpPort, probe));
      assertThat(engine.running(CONTAINER))
          .as("the operator is running; its log:\n" + engine.logs(CONTAINER))
          .isTrue();
    }

    client.resource(Examples.load("quickstart.yaml", NS)).create();
    await("the trainer Job and a status")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              assertThat(engine.running(CONTAINER)).as(engine.logs(CONTAINER)).isTrue();
              ArchitectureSearch s =
                  client
                      .resources(ArchitectureSearch.class)
                      .inNamespace(NS)
                      .withName("quickstart")
                      .get();
              assertThat(s.getStatus()).as("status").isNotNull();
              assertThat(s.getStatus().getPhase()).isEqualTo(SearchPhase.PENDING);
            });
    Job job = client.batch().v1().jobs().inNamespace(NS).withName("quickstart-trainer").get();
    assertThat(job).as("the trainer Job").isNotNull();
    assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .startsWith("zarts/trainer:");

    String metrics = get(http, httpPort, "/q/metrics").body();
    assertThat(metrics).contains("zarts_");

    engine.run("stop", "-t", "30", CONTAINER);
    assertThat(engine.exitCode(CONTAINER))
        .as("exit code after SIGTERM; log:\n" + engine.logs(CONTAINER))
        .isIn(0, 143);
  }

  /** True once the probe answers UP; also true once the container has stopped, so the wait ends. */
  private boolean upOrStopped(HttpClient http, int port, String path) throws InterruptedException {
    if (!engine.running(CONTAINER)) {
      return true;
    }
    try {
      HttpResponse<String> r = get(http, port, path);
      return r.statusCode() == 200 && r.body().replace(" ", "").contains("\"status\":\"UP\"");
    } catch (IOException notYet) {
      return false;
    }
  }

  private static HttpResponse<String> get(HttpClient http, int port, String path)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
