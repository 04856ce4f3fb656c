package io.zarts.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.operator.Examples;
import io.zarts.operator.TestClients;
import io.zarts.operator.TrainerFakes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A reconcile of a search whose objects are all in place reads everything from the informers'
 * caches: the mock API server receives no GET, and no write but the status patch the pass needs.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class SteadyStateIT {

  static final String NS = "steady";
  static final String TEST_AGENT = "zarts-steady-state-test";

  @jakarta.inject.Inject KubernetesClient client;

  @KubernetesTestServer KubernetesServer server;

  @Test
  void aSteadyStateReconcileSendsNoRequest() throws Exception {
    ArchitectureSearch s = Examples.load("quickstart.yaml", NS);
    client.resource(s).create();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client.batch().v1().jobs().inNamespace(NS).withName("quickstart-trainer").get()
                    != null);
    Job job = client.batch().v1().jobs().inNamespace(NS).withName("quickstart-trainer").get();
    TrainerFakes.startPod(client, job);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              ArchitectureSearch current = search();
              return current.getStatus() != null
                  && current.getStatus().getPhase() == SearchPhase.RUNNING;
            });
    drain();

    // A new zarts.io/retry value starts a reconcile; while the Job runs it only records the value
    // (that run is the retry). The test reads and writes with its own client, so that only the
    // operator's requests are left in the log.
    try (KubernetesClient test = TestClients.withUserAgent(client, TEST_AGENT)) {
      test.resources(ArchitectureSearch.class)
          .inNamespace(NS)
          .withName("quickstart")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"metadata\":{\"annotations\":{\"zarts.io/retry\":\"1\"}}}");
      // The pass ends with that status patch: once the value shows, the pass is over.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                var status =
                    test.resources(ArchitectureSearch.class)
                        .inNamespace(NS)
                        .withName("quickstart")
                        .get()
                        .getStatus();
                return "1".equals(status.getRetryToken());
              });
    }
    String search = "/apis/zarts.io/v1alpha1/namespaces/" + NS + "/architecturesearches/quickstart";
    assertThat(drain())
        .as("the operator's requests in a steady-state pass: only the status patch it needs")
        .containsExactly("PATCH " + search + "/status");
  }

  @Test
  void ownedObjectsThatDriftArePutBack() {
    ArchitectureSearch s = Examples.load("quickstart.yaml", "drift");
    client.resource(s).create();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client.rbac().roles().inNamespace("drift").withName("quickstart-trainer").get()
                    != null);
    var rules =
        client.rbac().roles().inNamespace("drift").withName("quickstart-trainer").get().getRules();
    client
        .rbac()
        .roles()
        .inNamespace("drift")
        .withName("quickstart-trainer")
        .edit(
            r -> {
              r.getRules().get(0).setVerbs(List.of("get", "update", "patch", "delete"));
              return r;
            });
    client
        .configMaps()
        .inNamespace("drift")
        .withName("quickstart-spec")
        .edit(
            cm -> {
              cm.getData().put("search.yaml", "edited by hand");
              return cm;
            });
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(
                      client
                          .rbac()
                          .roles()
                          .inNamespace("drift")
                          .withName("quickstart-trainer")
                          .get()
                          .getRules())
                  .isEqualTo(rules);
              assertThat(
                      client
                          .configMaps()
                          .inNamespace("drift")
                          .withName("quickstart-spec")
                          .get()
                          .getData()
                          .get("search.yaml"))
                  .contains("ArchitectureSearch");
            });
  }

  private ArchitectureSearch search() {
    return client.resources(ArchitectureSearch.class).inNamespace(NS).withName("quickstart").get();
  }

  /**
   * The operator's requests recorded since the last drain for this namespace, as "METHOD path",
   * watches and the test's own client left out.
   */
  private List<String> drain() throws InterruptedException {
    List<String> seen = new ArrayList<>();
    RecordedRequest r;
    while ((r = server.getKubernetesMockServer().takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      String path = r.getPath();
      if (path.contains("/namespaces/" + NS + "/")
          && !path.contains("watch=true")
          && !TEST_AGENT.equals(r.getHeader("User-Agent"))) {
        seen.add(r.getMethod() + " " + path);
      }
    }
    return seen;
  }
}
