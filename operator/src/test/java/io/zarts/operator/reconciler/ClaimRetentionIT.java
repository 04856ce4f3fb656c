package io.zarts.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.operator.Examples;
import io.zarts.operator.job.OwnedObjects;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Whether the checkpoint claim outlives its search is decided when the search is deleted, so that
 * no order of patching retainOnDelete, deleting and operator downtime loses a kept claim. Before,
 * the claim's owner reference followed retainOnDelete only from the next pass on: a patch followed
 * by a delete before that pass (an operator that was down, busy or failing over) left the owner
 * reference in place, and a real garbage collector deleted the claim. The Fabric8 mock has no
 * garbage collector; what makes one harmless is that the claim never carries an owner reference,
 * which every test here checks.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ClaimRetentionIT {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final String NS = "retention";

  @Inject KubernetesClient client;

  @Test
  void aClaimIsDeletedWithItsSearchByDefault() {
    ArchitectureSearch s = createAndAwaitClaim("plain", spec -> {});
    delete(s);
    await().atMost(WAIT).untilAsserted(() -> assertThat(claim("plain").get()).isNull());
  }

  @Test
  void aClaimKeptFromTheStartOutlivesItsSearch() {
    ArchitectureSearch s =
        createAndAwaitClaim("kept", x -> x.getSpec().getCheckpoint().setRetainOnDelete(true));
    delete(s);
    awaitGone("kept");
    assertKeptAndUnowned("kept");
  }

  @Test
  void retainOnDeletePatchedJustBeforeTheDeleteKeepsTheClaim() {
    ArchitectureSearch s = createAndAwaitClaim("late", x -> {});
    // The delete right after the patch: no pass in between need see the patched spec.
    modify("late", x -> x.getSpec().getCheckpoint().setRetainOnDelete(true));
    delete(s);
    awaitGone("late");
    assertKeptAndUnowned("late");
  }

  @Test
  void retainOnDeleteSwitchedBackBeforeTheDeleteDeletesTheClaim() {
    ArchitectureSearch s =
        createAndAwaitClaim("back", x -> x.getSpec().getCheckpoint().setRetainOnDelete(true));
    modify("back", x -> x.getSpec().getCheckpoint().setRetainOnDelete(false));
    delete(s);
    await().atMost(WAIT).untilAsserted(() -> assertThat(claim("back").get()).isNull());
  }

  @Test
  void anOwnerReferenceFromAnEarlierReleaseIsRemoved() {
    ArchitectureSearch s = createAndAwaitClaim("old", x -> {});
    claim("old")
        .edit(
            c ->
                new PersistentVolumeClaimBuilder(c)
                    .editMetadata()
                    .addNewOwnerReference()
                    .withApiVersion(ArchitectureSearch.API_VERSION)
                    .withKind(ArchitectureSearch.KIND)
                    .withName("old")
                    .withUid(s.getMetadata().getUid())
                    .withController(true)
                    .withBlockOwnerDeletion(true)
                    .endOwnerReference()
                    .endMetadata()
                    .build());
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(claim("old").get().getMetadata().getOwnerReferences()).isNullOrEmpty());
  }

  @Test
  void theSearchCarriesTheOperatorsFinalizer() {
    createAndAwaitClaim("fin", x -> {});
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(get("fin").getMetadata().getFinalizers())
                    .contains("architecturesearches.zarts.io/finalizer"));
  }

  private ArchitectureSearch createAndAwaitClaim(String name, Consumer<ArchitectureSearch> edit) {
    ArchitectureSearch s = Examples.load("quickstart.yaml", NS);
    s.getMetadata().setName(name);
    edit.accept(s);
    ArchitectureSearch created = client.resource(s).create();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              PersistentVolumeClaim c = claim(name).get();
              assertThat(c).isNotNull();
              assertThat(c.getMetadata().getOwnerReferences()).isNullOrEmpty();
              assertThat(c.getMetadata().getAnnotations())
                  .containsEntry(OwnedObjects.SEARCH_UID, created.getMetadata().getUid());
              // The finalizer is on before the search can be deleted without it.
              assertThat(get(name).getMetadata().getFinalizers()).isNotEmpty();
            });
    return get(name);
  }

  private void modify(String name, Consumer<ArchitectureSearch> edit) {
    client
        .resources(ArchitectureSearch.class)
        .inNamespace(NS)
        .withName(name)
        .edit(
            x -> {
              edit.accept(x);
              return x;
            });
  }

  private void delete(ArchitectureSearch s) {
    client.resource(s).delete();
  }

  private void awaitGone(String name) {
    await().atMost(WAIT).untilAsserted(() -> assertThat(get(name)).isNull());
  }

  private void assertKeptAndUnowned(String name) {
    PersistentVolumeClaim c = claim(name).get();
    assertThat(c).as("the kept claim").isNotNull();
    assertThat(c.getMetadata().getDeletionTimestamp()).isNull();
    assertThat(c.getMetadata().getOwnerReferences()).isNullOrEmpty();
  }

  private Resource<PersistentVolumeClaim> claim(String search) {
    return client.persistentVolumeClaims().inNamespace(NS).withName(search + "-checkpoints");
  }

  private ArchitectureSearch get(String name) {
    return client.resources(ArchitectureSearch.class).inNamespace(NS).withName(name).get();
  }
}
