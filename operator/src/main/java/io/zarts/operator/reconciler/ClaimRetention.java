package io.zarts.operator.reconciler;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.CheckpointSpec;
import io.zarts.operator.dependent.Ownership;
import io.zarts.operator.events.SearchEvents;
import io.zarts.operator.job.SearchNames;

/**
 * What happens to the checkpoint claim when its search is deleted, decided then and only then: the
 * claim carries no owner reference, so the garbage collector never takes it (in no order of patch,
 * delete and operator downtime, and not in a foreground deletion, which removes every dependent
 * before the owner's finalizers are looked at); the operator's finalizer holds the search until
 * this has run. Deleted unless spec.checkpoint.retainOnDelete says keep. (--cascade=orphan is not a
 * reason to keep it: the garbage collector removes the orphan finalizer as soon as it has orphaned
 * the dependents, so whether this pass would still see it is a race.)
 */
final class ClaimRetention {

  private ClaimRetention() {}

  /** Deletes or keeps the search's claim; a claim of someone else's under its name is left. */
  static void onDelete(KubernetesClient client, ArchitectureSearch search) {
    CheckpointSpec spec = search.getSpec().getCheckpoint();
    if (spec.getExistingClaim() != null) {
      return;
    }
    String name = SearchNames.of(search).checkpointClaim();
    PersistentVolumeClaim claim =
        client
            .persistentVolumeClaims()
            .inNamespace(search.getMetadata().getNamespace())
            .withName(name)
            .get();
    if (claim == null || !Ownership.ownedBy(search, claim)) {
      return;
    }
    if (Boolean.TRUE.equals(spec.getRetainOnDelete())) {
      SearchEvents.normal(
          client,
          search,
          "ClaimRetained",
          "the checkpoint claim "
              + name
              + " is kept after the search; to go on from it, create a search with"
              + " spec.checkpoint.existingClaim: "
              + name);
      return;
    }
    // Its protection finalizer keeps it until no trainer pod uses it any more.
    client.resource(claim).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
  }
}
