package io.zarts.operator.dependent;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.zarts.api.v1alpha1.ArchitectureSearch;

/**
 * The operator makes the checkpoint claim unless checkpoint.existingClaim names the user's. A
 * reconcile precondition, not an activation condition: JOSDK deregisters the event source of a
 * dependent whose activation condition fails, and the claims informer is shared by every search.
 */
public class ClaimWanted implements Condition<PersistentVolumeClaim, ArchitectureSearch> {

  @Override
  public boolean isMet(
      DependentResource<PersistentVolumeClaim, ArchitectureSearch> dependentResource,
      ArchitectureSearch search,
      Context<ArchitectureSearch> context) {
    return search.getSpec().getCheckpoint().getExistingClaim() == null;
  }
}
