package io.zarts.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.operator.Examples;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A Job the API server refuses (a ResourceQuota, an admission policy, a schema): the reason and the
 * server's message reach the status, and the operator retries until the Job is accepted; a pod the
 * Job controller cannot create (its FailedCreate event) makes the search Pending with that message.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class JobRefusalIT {

  static final Duration WAIT = Duration.ofSeconds(30);

  @Inject KubernetesClient client;

  @KubernetesTestServer KubernetesServer server;

  @Test
  void aJobRefusedByAQuotaShowsInTheStatusAndIsRetried() {
    String quota =
        "jobs \"tight-trainer\" is forbidden: exceeded quota: team-quota, requested:"
            + " count/jobs.batch=1, used: count/jobs.batch=4, limited: count/jobs.batch=4";
    MockServerSteps.refuseCreates(server, "/apis/batch/v1/namespaces/quota/jobs", quota, 2);
    ArchitectureSearch s = Examples.load("quickstart.yaml", "quota");
    s.getMetadata().setName("tight");
    client.resource(s).create();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ArchitectureSearch current = get();
              assertThat(current.getStatus()).isNotNull();
              Condition ready = ready(current);
              assertThat(ready).isNotNull();
              assertThat(ready.getReason()).isEqualTo("QuotaExceeded");
              assertThat(ready.getMessage())
                  .isEqualTo(quota + " (retried until accepted, at most 2 minutes apart)");
              assertThat(current.getStatus().getPhase()).isEqualTo(SearchPhase.PENDING);
            });
    // Once the quota lets it through, the retry creates the Job and the reason moves on.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(
                      client
                          .batch()
                          .v1()
                          .jobs()
                          .inNamespace("quota")
                          .withName("tight-trainer")
                          .get())
                  .isNotNull();
              assertThat(ready(get()).getReason()).isNotEqualTo("QuotaExceeded");
            });
    // Two refusals are one warning counted twice, not two events (beside it, the transition to
    // Pending with the same reason); the Job's creation is one event.
    var events = client.v1().events().inNamespace("quota").list().getItems();
    assertThat(events)
        .filteredOn(e -> "QuotaExceeded".equals(e.getReason()) && "Warning".equals(e.getType()))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getType()).isEqualTo("Warning");
              assertThat(e.getCount()).isEqualTo(2);
              assertThat(e.getMessage()).isEqualTo(quota);
            });
    assertThat(events).filteredOn(e -> "JobCreated".equals(e.getReason())).hasSize(1);
  }

  @Test
  void aPodRefusedByAQuotaMakesTheSearchPendingWithTheJobControllersMessage() {
    ArchitectureSearch s = Examples.load("quickstart.yaml", "podquota");
    s.getMetadata().setName("podless");
    client.resource(s).create();
    Job job =
        await()
            .atMost(WAIT)
            .until(
                () ->
                    client
                        .batch()
                        .v1()
                        .jobs()
                        .inNamespace("podquota")
                        .withName("podless-trainer")
                        .get(),
                j -> j != null);
    String quota =
        "Error creating: pods \"podless-trainer-x7k2p\" is forbidden: exceeded quota: team,"
            + " requested: requests.cpu=1, used: requests.cpu=8, limited: requests.cpu=8";
    // What the Job controller records when the quota refuses the pod.
    client
        .v1()
        .events()
        .inNamespace("podquota")
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName("podless-trainer.18a")
                .endMetadata()
                .withType("Warning")
                .withReason("FailedCreate")
                .withMessage(quota)
                .withLastTimestamp(Instant.now().toString())
                .withNewInvolvedObject()
                .withApiVersion("batch/v1")
                .withKind("Job")
                .withName("podless-trainer")
                .withNamespace("podquota")
                .withUid(job.getMetadata().getUid())
                .endInvolvedObject()
                .build())
        .create();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ArchitectureSearch current =
                  client
                      .resources(ArchitectureSearch.class)
                      .inNamespace("podquota")
                      .withName("podless")
                      .get();
              Condition ready = ready(current);
              assertThat(ready.getReason()).isEqualTo("FailedCreate");
              assertThat(ready.getMessage())
                  .isEqualTo("the Job controller cannot create the trainer pod: " + quota);
              assertThat(current.getStatus().getPhase()).isEqualTo(SearchPhase.PENDING);
            });
  }

  private ArchitectureSearch get() {
    return client.resources(ArchitectureSearch.class).inNamespace("quota").withName("tight").get();
  }

  private static Condition ready(ArchitectureSearch s) {
    return s.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals("Ready"))
        .findFirst()
        .orElse(null);
  }
}
