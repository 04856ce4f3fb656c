package io.zarts.operator.realserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import io.zarts.api.v1alpha1.BudgetStatus;
import io.zarts.api.v1alpha1.ProgressStatus;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.operator.Examples;
import io.zarts.operator.reconciler.StatusWriter;
import io.zarts.operator.status.Observations;
import io.zarts.operator.status.StatusAggregator;
import io.zarts.operator.status.StatusPatch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operator's status writes against a real API server, which refuses what the Fabric8 mock
 * accepts: a JSON Patch "add /status/phase" on a search that has no status yet is a 422 there. Each
 * write is the one the reconciler makes ({@link StatusWriter#patch}), with the status {@link
 * StatusAggregator} computes.
 */
class StatusWriterRealServerIT extends RealServerTest {

  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

  private static ArchitectureSearch create(String name, String namespace) {
    ArchitectureSearch s = Examples.load("quickstart.yaml", namespace);
    s.getMetadata().setName(name);
    return client.resource(s).create();
  }

  private static ArchitectureSearch read(ArchitectureSearch s) {
    return client.resource(s).get();
  }

  /** The status of a reconciler's first pass: no Job yet. */
  private static ArchitectureSearchStatus firstPass(ArchitectureSearch s) {
    return StatusAggregator.compute(
        Observations.searchOnly(s, List.of(), null, List.of(), null, T0));
  }

  /** A later pass: the Job exists, its pod not yet. */
  private static ArchitectureSearchStatus withJob(ArchitectureSearch s) {
    Job job =
        new JobBuilder()
            .withNewMetadata()
            .withName(s.getMetadata().getName() + "-trainer")
            .withCreationTimestamp(T0.toString())
            .endMetadata()
            .withNewSpec()
            .endSpec()
            .build();
    return StatusAggregator.compute(
        Observations.searchOnly(s, List.of(), job, List.of(), null, T0));
  }

  @Test
  void aNewSearchGetsItsStatusOnTheFirstPass() {
    ArchitectureSearch created = create("first", "status-first");
    assertThat(created.getStatus().getPhase()).as("no status on the server yet").isNull();
    ArchitectureSearchStatus status = firstPass(created);

    ArchitectureSearch stored = StatusWriter.patch(client, created, status);

    assertThat(stored.getStatus().getPhase()).isEqualTo(SearchPhase.PENDING);
    ArchitectureSearch again = read(created);
    assertThat(again.getStatus().getPhase()).isEqualTo(SearchPhase.PENDING);
    assertThat(again.getStatus().getConditions())
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactlyElementsOf(status.getConditions());
    assertThat(again.getStatus().getObservedSpecHash()).isEqualTo(status.getObservedSpecHash());
  }

  @Test
  void theJsonPatchTheSdkWouldComputeIsRefusedWhereTheMockAcceptsIt() {
    // What the operator SDK's non-SSA status patch sends: a JSON Patch diff from the client's
    // copy, whose status the model fills in ({} with an empty conditions list) though the server
    // has none. This is why the operator replaces the whole status instead.
    ArchitectureSearch created = create("diffed", "status-first");
    ArchitectureSearchStatus status = firstPass(created);
    assertThatThrownBy(
            () ->
                client
                    .resource(created)
                    .editStatus(
                        s -> {
                          s.setStatus(status);
                          return s;
                        }))
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
  }

  @Test
  void aLaterStatusReplacesTheEarlierOneFieldsGoneIncluded() {
    ArchitectureSearch created = create("later", "status-later");
    ArchitectureSearchStatus first = firstPass(created);
    ProgressStatus progress = new ProgressStatus();
    progress.setEpoch(1);
    progress.setTotalEpochs(2);
    first.setProgress(progress);
    ArchitectureSearch stored = StatusWriter.patch(client, created, first);
    assertThat(read(created).getStatus().getProgress().getEpoch()).isEqualTo(1);

    // The next pass, as an operator that has just restarted sees it: from the server.
    ArchitectureSearch seen = read(stored);
    ArchitectureSearchStatus second = withJob(seen);
    second.setProgress(null);
    StatusWriter.patch(client, seen, second);

    ArchitectureSearch again = read(created);
    assertThat(again.getStatus().getProgress()).as("a field the new status lacks").isNull();
    assertThat(again.getStatus().getTrainer().getJobName()).isEqualTo("later-trainer");
    assertThat(again.getStatus().getConditions())
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactlyElementsOf(second.getConditions());
  }

  @Test
  void aWriteLandsThoughAnotherClientWroteTheStatusMeanwhile() {
    ArchitectureSearch created = create("contested", "status-conflict");
    ArchitectureSearchStatus first = firstPass(created);
    ArchitectureSearch seen = StatusWriter.patch(client, created, first);

    // Someone else (a second operator replica during a failover, kubectl) writes in between.
    ArchitectureSearchStatus theirs = withJob(seen);
    theirs.setPhase(SearchPhase.FAILED);
    theirs.setCompletionTime(T0.toString());
    StatusWriter.patch(client, seen, theirs);

    // Ours, computed from the older view, with no resourceVersion: it lands, whole.
    ArchitectureSearchStatus ours = withJob(seen);
    StatusWriter.patch(client, seen, ours);
    ArchitectureSearch after = read(created);
    assertThat(after.getStatus().getPhase()).isEqualTo(ours.getPhase());
    assertThat(after.getStatus().getConditions())
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactlyElementsOf(ours.getConditions());
    assertThat(after.getStatus().getCompletionTime()).as("only they wrote it").isNull();
  }

  @Test
  void aCrdOneReleaseOlderPrunesWhatItDoesNotKnowAndTheRestLands() {
    // The CRD of a release before status.budget existed; the operator is newer than the CRD (a
    // chart upgrade that has not replaced the CRD yet).
    CustomResourceDefinition older = RealApiServer.projectCrd(client);
    JSONSchemaProps statusSchema =
        older
            .getSpec()
            .getVersions()
            .get(0)
            .getSchema()
            .getOpenAPIV3Schema()
            .getProperties()
            .get("status");
    assertThat(statusSchema.getProperties().remove("budget")).isNotNull();
    RealApiServer.install(client, older);
    BudgetStatus budget = new BudgetStatus();
    budget.setMaxDuration("6h");
    // Wait until the server uses the older schema: a probe's budget is pruned.
    ArchitectureSearch probe = create("probe", "status-older");
    await()
        .atMost(Duration.ofMinutes(1))
        .until(
            () -> {
              ArchitectureSearchStatus s = firstPass(probe);
              s.setBudget(budget);
              ArchitectureSearch stored = StatusWriter.patch(client, probe, s);
              return stored.getStatus().getBudget() == null;
            });

    ArchitectureSearch created = create("older", "status-older");
    ArchitectureSearchStatus status = firstPass(created);
    status.setBudget(budget);
    ArchitectureSearch stored = StatusWriter.patch(client, created, status);

    assertThat(stored.getStatus().getPhase()).isEqualTo(SearchPhase.PENDING);
    assertThat(stored.getStatus().getBudget()).as("pruned by the older schema").isNull();
    // What the operator reports of it (once, naming kubectl apply -f charts/zarts-operator/crds/).
    assertThat(StatusPatch.prunedFields(status, stored.getStatus()))
        .containsExactly("status.budget");
    assertThat(read(created).getStatus().getConditions())
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactlyElementsOf(status.getConditions());
    RealApiServer.install(client, RealApiServer.projectCrd(client));
  }
}
