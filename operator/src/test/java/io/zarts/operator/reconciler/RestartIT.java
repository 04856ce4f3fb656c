package io.zarts.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.api.reconciler.ResourceOperations;
import io.javaoperatorsdk.operator.api.reconciler.dependent.managed.ManagedWorkflowAndDependentResourceContext;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.operator.Examples;
import jakarta.inject.Inject;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A restarted operator (or one that crashed between creating the Job and writing the status)
 * reconciles with empty informer caches: it must adopt the existing Job, create no second one and
 * not fail.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class RestartIT {

  @Inject KubernetesClient client;

  @Inject ArchitectureSearchReconciler reconciler;

  @Inject LeaderElectionConfiguration leaderElection;

  @Test
  void leaderElectionUsesTheOperatorsLease() {
    assertThat(leaderElection.getLeaseName()).isEqualTo("zarts-operator-leader");
    assertThat(leaderElection.getLeaseNamespace())
        .as("the pod's own namespace, inferred at run time")
        .isEmpty();
  }

  /**
   * A context whose caches are all empty, as after a restart before the informers synced. The
   * managed dependents are left out (their owned objects exist already; 409 adoption has its own
   * test): only the Job decisions meet the cold caches here.
   */
  @SuppressWarnings("unchecked")
  Context<ArchitectureSearch> coldContext() {
    ManagedWorkflowAndDependentResourceContext noWorkflow =
        (ManagedWorkflowAndDependentResourceContext)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {ManagedWorkflowAndDependentResourceContext.class},
                (proxy, method, args) -> null);
    IndexedResourceCache<ArchitectureSearch> cache =
        (IndexedResourceCache<ArchitectureSearch>)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {IndexedResourceCache.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "list" -> Stream.empty();
                      case "byIndex" -> List.of();
                      default -> null;
                    });
    // Cold caches have nothing to add a created object to: a create is a plain create.
    ResourceOperations<ArchitectureSearch> plainCreate =
        new ResourceOperations<>(null) {
          @Override
          public <R extends HasMetadata> R create(R resource) {
            return client.resource(resource).create();
          }
        };
    return (Context<ArchitectureSearch>)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Context.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getClient" -> client;
                  case "resourceOperations" -> plainCreate;
                  case "getSecondaryResources" -> Set.of();
                  case "getPrimaryCache" -> cache;
                  case "managedWorkflowAndDependentResourceContext" -> noWorkflow;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  @Test
  void reconcilingWithColdCachesAdoptsTheExistingJob() {
    ArchitectureSearch s = Examples.load("quickstart.yaml", "restart");
    client.resource(s).create();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client
                        .batch()
                        .v1()
                        .jobs()
                        .inNamespace("restart")
                        .withName("quickstart-trainer")
                        .get()
                    != null);
    // And the status that pass wrote, which it writes after the Job.
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () ->
                client
                        .resources(ArchitectureSearch.class)
                        .inNamespace("restart")
                        .withName("quickstart")
                        .get()
                        .getStatus()
                        .getPhase()
                    != null);
    ArchitectureSearch current =
        client
            .resources(ArchitectureSearch.class)
            .inNamespace("restart")
            .withName("quickstart")
            .get();
    for (int i = 0; i < 5; i++) {
      reconciler.reconcile(current, coldContext());
    }
    assertThat(client.batch().v1().jobs().inNamespace("restart").list().getItems()).hasSize(1);
    assertThat(client.configMaps().inNamespace("restart").list().getItems()).hasSize(2);
  }
}
