package io.zarts.operator.dependent;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.operator.config.OperatorSettings;
import io.zarts.operator.events.SearchEvents;
import io.zarts.operator.job.OwnedObjects;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The checkpoint claim, only without checkpoint.existingClaim ({@link ClaimWanted}). Not garbage
 * collected by JOSDK's rule but by its owner reference, which follows checkpoint.retainOnDelete:
 * the desired claim has one unless the claim must outlive the search. Only what may change on a
 * bound claim is compared and patched: the owner reference, the labels and the requested size
 * (expanded when checkpoint.size grows); JOSDK's generic update would replace the whole spec, which
 * the API server refuses once the claim is bound. A refused resize (no allowVolumeExpansion, or a
 * smaller size) becomes a ClaimNotResized warning and the claim stays as it is.
 */
public class CheckpointClaimDependent
    extends KubernetesDependentResource<PersistentVolumeClaim, ArchitectureSearch>
    implements Creator<PersistentVolumeClaim, ArchitectureSearch>,
        Updater<PersistentVolumeClaim, ArchitectureSearch> {

  @Inject OperatorSettings settings;

  public CheckpointClaimDependent() {
    super(PersistentVolumeClaim.class);
  }

  @Override
  protected PersistentVolumeClaim desired(
      ArchitectureSearch search, Context<ArchitectureSearch> context) {
    return OwnedObjects.checkpointClaim(
        search,
        settings.checkpoint().storageClassName().orElse(null),
        settings.checkpoint().accessMode());
  }

  @Override
  public Matcher.Result<PersistentVolumeClaim> match(
      PersistentVolumeClaim actual,
      ArchitectureSearch primary,
      Context<ArchitectureSearch> context) {
    PersistentVolumeClaim desired = getOrComputeDesired(context);
    boolean same =
        owners(actual).equals(owners(desired))
            && sameAmount(size(actual), size(desired))
            && Adoption.labelsKept(desired, actual);
    return Matcher.Result.computed(same, desired);
  }

  @Override
  public PersistentVolumeClaim create(
      PersistentVolumeClaim desired,
      ArchitectureSearch primary,
      Context<ArchitectureSearch> context) {
    return Adoption.createOrAdopt(
        context.getClient(),
        desired,
        () -> super.create(desired, primary, context),
        stored -> update(stored, desired, primary, context));
  }

  @Override
  public PersistentVolumeClaim update(
      PersistentVolumeClaim actual,
      PersistentVolumeClaim desired,
      ArchitectureSearch primary,
      Context<ArchitectureSearch> context) {
    boolean resized = !sameAmount(size(actual), size(desired));
    try {
      return context
          .getClient()
          .resource(actual)
          .edit(
              pvc -> {
                pvc.getMetadata().setOwnerReferences(owners(desired));
                pvc.getSpec().getResources().getRequests().put("storage", size(desired));
                return Adoption.putLabels(desired, pvc);
              });
    } catch (KubernetesClientException e) {
      if (!resized || e.getCode() < 400 || e.getCode() >= 500) {
        throw e;
      }
      SearchEvents.warning(
          context.getClient(),
          primary,
          "ClaimNotResized",
          "the API server refused to resize claim "
              + actual.getMetadata().getName()
              + " from "
              + size(actual)
              + " to "
              + size(desired)
              + ": "
              + e.getMessage());
      return actual;
    }
  }

  private static List<OwnerReference> owners(PersistentVolumeClaim pvc) {
    List<OwnerReference> owners = pvc.getMetadata().getOwnerReferences();
    return owners == null ? List.of() : owners;
  }

  private static Quantity size(PersistentVolumeClaim pvc) {
    return pvc.getSpec().getResources().getRequests().get("storage");
  }

  private static boolean sameAmount(Quantity a, Quantity b) {
    return a != null && b != null && a.getNumericalAmount().compareTo(b.getNumericalAmount()) == 0;
  }
}
