package io.zarts.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.zarts.api.progress.TrainerProgress;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.operator.Examples;
import io.zarts.operator.TestClients;
import io.zarts.operator.TrainerFakes;
import jakarta.inject.Inject;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The chart's RBAC for searches is exactly what the operator uses. The test drives one search
 * through its life (create, run, resources edit, suspend and resume, drift of the ServiceAccount,
 * Role, RoleBinding and claim, some losing the label the informers select by, claim resize,
 * success, delete) with its own client, recognised by its User-Agent; every other request the mock
 * API server received since it started is the operator's. Each becomes an (API group, resource,
 * verb) permission, and the set must equal the rules the chart renders in both modes (cluster-wide
 * ClusterRole, and a Role per watched namespace), apart from the few permissions listed in {@link
 * #NOT_SEEN_HERE} with the reason the mock cannot show them.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = LeastPrivilegeIT.OwnServer.class)
class LeastPrivilegeIT {

  /** A setup of its own, so that this class gets a fresh mock server and request log. */
  public static class OwnServer implements Consumer<KubernetesServer> {
    @Override
    public void accept(KubernetesServer server) {}
  }

  static final String NS = "rbac";
  static final String TEST_AGENT = "zarts-least-privilege-test";
  static final Duration WAIT = Duration.ofSeconds(30);

  /** Needed on a real cluster, not visible against the mock server. */
  static final Map<String, String> NOT_SEEN_HERE =
      Map.of(
          "zarts.io architecturesearches/finalizers update",
          "owner references with blockOwnerDeletion need it (OwnerReferencesPermissionEnforcement)",
          "batch jobs get",
          "reads a Job back when its create answers 409 AlreadyExists (a cache that lags)",
          " configmaps get",
          "the trainer's Role grants get on its progress ConfigMap, and RBAC lets the operator"
              + " grant only what it holds (escalation check)",
          " configmaps patch",
          "the trainer's Role grants patch on its progress ConfigMap (escalation check); the"
              + " operator itself patches it only to put back labels of one that lost them");

  @Inject KubernetesClient operatorClient;

  @KubernetesTestServer KubernetesServer server;

  @Test
  void theChartGrantsWhatTheOperatorUsesAndNothingElse() throws Exception {
    try (KubernetesClient test = TestClients.withUserAgent(operatorClient, TEST_AGENT)) {
      driveOneSearchThroughItsLife(test);
    }
    Set<String> used = operatorPermissions();
    Set<String> expected = new TreeSet<>(used);
    expected.addAll(NOT_SEEN_HERE.keySet());
    assertThat(granted(RenderedChart.render("").one("ClusterRole")))
        .as("ClusterRole (all namespaces); used by the operator: " + used)
        .containsExactlyInAnyOrderElementsOf(expected);
    RenderedChart namespaced = RenderedChart.render("rbac: {watchNamespaces: [team-a]}");
    ObjectNode role =
        namespaced.all("Role").stream()
            .filter(r -> r.at("/metadata/namespace").asText().equals("team-a"))
            .findFirst()
            .orElseThrow();
    assertThat(granted(role))
        .as("Role in a watched namespace")
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  private void driveOneSearchThroughItsLife(KubernetesClient test) {
    ArchitectureSearch s = Examples.load("quickstart.yaml", NS);
    test.resource(s).create();
    awaitJob(test, null);
    Job first = job(test);
    var pod = TrainerFakes.startPod(test, first);
    await().atMost(WAIT).until(() -> phase(test) == SearchPhase.RUNNING);
    // The kubelet would stop it once the operator deletes the Job for the edit below.
    TrainerFakes.endPod(test, pod, 0);

    edit(test, a -> a.getSpec().getResources().getRequests().put("memory", new Quantity("3Gi")));
    awaitJob(test, first.getMetadata().getUid());
    edit(test, a -> a.getSpec().setSuspend(true));
    await().atMost(WAIT).until(() -> phase(test) == SearchPhase.SUSPENDED && job(test) == null);
    edit(test, a -> a.getSpec().setSuspend(false));
    awaitJob(test, null);

    retryOnConflict(
        () ->
            test.rbac()
                .roles()
                .inNamespace(NS)
                .withName("quickstart-trainer")
                .edit(
                    r -> {
                      r.getRules().get(0).setVerbs(List.of("get"));
                      return r;
                    }));
    retryOnConflict(
        () ->
            test.serviceAccounts()
                .inNamespace(NS)
                .withName("quickstart-trainer")
                .edit(
                    sa -> {
                      sa.getMetadata().getLabels().remove("zarts.io/search"); // leaves the informer
                      return sa;
                    }));
    retryOnConflict(
        () ->
            test.rbac()
                .roles()
                .inNamespace(NS)
                .withName("quickstart-trainer")
                .edit(
                    r -> {
                      r.getMetadata().getLabels().remove("zarts.io/search");
                      return r;
                    }));
    retryOnConflict(
        () ->
            test.rbac()
                .roleBindings()
                .inNamespace(NS)
                .withName("quickstart-trainer")
                .edit(
                    b -> {
                      b.getSubjects().get(0).setName("default");
                      b.getMetadata().getLabels().remove("zarts.io/search");
                      return b;
                    }));
    retryOnConflict(
        () ->
            test.persistentVolumeClaims()
                .inNamespace(NS)
                .withName("quickstart-checkpoints")
                .edit(
                    c -> {
                      c.getMetadata().getLabels().remove("zarts.io/search");
                      return c;
                    }));
    edit(test, a -> a.getSpec().getCheckpoint().setSize("2Gi"));
    await()
        .atMost(WAIT)
        .until(
            () ->
                test.rbac()
                            .roles()
                            .inNamespace(NS)
                            .withName("quickstart-trainer")
                            .get()
                            .getRules()
                            .get(0)
                            .getVerbs()
                            .size()
                        == 3
                    && "quickstart"
                        .equals(
                            test.serviceAccounts()
                                .inNamespace(NS)
                                .withName("quickstart-trainer")
                                .get()
                                .getMetadata()
                                .getLabels()
                                .get("zarts.io/search"))
                    && "quickstart-trainer"
                        .equals(
                            test.rbac()
                                .roleBindings()
                                .inNamespace(NS)
                                .withName("quickstart-trainer")
                                .get()
                                .getSubjects()
                                .get(0)
                                .getName())
                    && test.persistentVolumeClaims()
                        .inNamespace(NS)
                        .withName("quickstart-checkpoints")
                        .get()
                        .getSpec()
                        .getResources()
                        .getRequests()
                        .get("storage")
                        .equals(new Quantity("2Gi")));

    TrainerProgress done = TrainerFakes.finalReport(3);
    ConfigMap progress = test.configMaps().inNamespace(NS).withName("quickstart-progress").get();
    progress.setData(Map.of(TrainerProgress.FILE_NAME, done.toJson()));
    test.resource(progress).update();
    Job last = job(test);
    last.setStatus(TrainerFakes.complete());
    test.resource(last).updateStatus();
    await().atMost(WAIT).until(() -> phase(test) == SearchPhase.SUCCEEDED);
    test.resources(ArchitectureSearch.class).inNamespace(NS).withName("quickstart").delete();
    await()
        .atMost(WAIT)
        .until(
            () ->
                test.resources(ArchitectureSearch.class)
                        .inNamespace(NS)
                        .withName("quickstart")
                        .get()
                    == null);
  }

  /** Every resource request not sent by the test, as "group resource verb". */
  private Set<String> operatorPermissions() throws InterruptedException {
    Set<String> used = new TreeSet<>();
    RecordedRequest r;
    while ((r = server.getKubernetesMockServer().takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      if (TEST_AGENT.equals(r.getHeader("User-Agent"))) {
        continue;
      }
      String permission = permission(r.getMethod(), r.getPath());
      // The CRD is applied by the operator SDK in tests only (quarkus.operator-sdk.crd.apply).
      if (permission != null && !permission.startsWith("apiextensions.k8s.io ")) {
        used.add(permission);
      }
    }
    return used;
  }

  /** "group resource[/subresource] verb" for a resource request, null for anything else. */
  static String permission(String method, String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
    String[] p = path.replaceFirst("^/", "").split("/");
    String group;
    int rest;
    if (p[0].equals("api") && p.length > 2) {
      group = "";
      rest = 2;
    } else if (p[0].equals("apis") && p.length > 3) {
      group = p[1];
      rest = 3;
    } else {
      return null;
    }
    if (p.length > rest + 2 && p[rest].equals("namespaces")) {
      rest += 2;
    }
    String resource = p[rest];
    String name = p.length > rest + 1 ? p[rest + 1] : null;
    String sub = p.length > rest + 2 ? "/" + p[rest + 2] : "";
    String verb =
        switch (method) {
          case "GET" -> query.contains("watch=true") ? "watch" : name == null ? "list" : "get";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> name == null ? "deletecollection" : "delete";
          default -> method.toLowerCase();
        };
    return group + " " + resource + sub + " " + verb;
  }

  /** The search rules of a rendered Role or ClusterRole, as "group resource verb". */
  static Set<String> granted(ObjectNode role) {
    Set<String> granted = new TreeSet<>();
    for (JsonNode rule : role.path("rules")) {
      for (JsonNode group : rule.path("apiGroups")) {
        for (JsonNode resource : rule.path("resources")) {
          for (JsonNode verb : rule.path("verbs")) {
            granted.add(group.asText() + " " + resource.asText() + " " + verb.asText());
          }
        }
      }
    }
    return granted;
  }

  private static void edit(KubernetesClient test, Consumer<ArchitectureSearch> change) {
    retryOnConflict(
        () ->
            test.resources(ArchitectureSearch.class)
                .inNamespace(NS)
                .withName("quickstart")
                .edit(
                    a -> {
                      change.accept(a);
                      return a;
                    }));
  }

  /** Runs an edit again when the operator wrote the object between its read and its write. */
  private static void retryOnConflict(Runnable edit) {
    for (int attempt = 0; ; attempt++) {
      try {
        edit.run();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt > 20) {
          throw e;
        }
      }
    }
  }

  private static Job job(KubernetesClient test) {
    return test.batch().v1().jobs().inNamespace(NS).withName("quickstart-trainer").get();
  }

  /** Until a Job exists whose uid is not the given one (any Job when null). */
  private static void awaitJob(KubernetesClient test, String notUid) {
    await()
        .atMost(WAIT)
        .until(
            () -> {
              Job j = job(test);
              return j != null && !j.getMetadata().getUid().equals(notUid);
            });
  }

  private static SearchPhase phase(KubernetesClient test) {
    ArchitectureSearch a =
        test.resources(ArchitectureSearch.class).inNamespace(NS).withName("quickstart").get();
    return a == null || a.getStatus() == null ? null : a.getStatus().getPhase();
  }
}
