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
import java.util.HashMap;
import java.util.List;
import java.util.Objects;

/**
 * The checkpoint claim, only without checkpoint.existingClaim ({@link ClaimWanted}). Never garbage
 * collected: it has no owner reference (one left by an earlier release is removed), and the
 * reconciler's cleanup deletes or keeps it when the search is deleted. Only what may change on a
 * bound claim is compared and patched: the owner reference, the labels, the search's uid (the
 * zarts.io/search-uid annotation: a kept claim is never taken by a later search of the same name,
 * {@link Ownership}) and the requested size (expanded when checkpoint.size grows); JOSDK's generic
 * update would replace the whole spec, which the API server refuses once the claim is bound. A
 * refused resize (no allowVolumeExpansion, or a smaller size) becomes a ClaimNotResized warning and
 * the claim stays as it is.
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
        Ownership.ownedBy(primary, actual)
            && othersOwners(actual, primary).equals(owners(actual))
            && uidRecorded(actual)
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
        primary,
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
    Ownership.require(primary, actual);
    boolean resized = !sameAmount(size(actual), size(desired));
    try {
      return context
          .getClient()
          .resource(actual)
          .edit(
              pvc -> {
                pvc.getMetadata().setOwnerReferences(othersOwners(pvc, primary));
                pvc.getSpec().getResources().getRequests().put("storage", size(desired));
                if (pvc.getMetadata().getAnnotations() == null) {
                  pvc.getMetadata().setAnnotations(new HashMap<>());
                }
                pvc.getMetadata().getAnnotations().putAll(desired.getMetadata().getAnnotations());
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

  private static boolean uidRecorded(PersistentVolumeClaim pvc) {
    return pvc.getMetadata().getAnnotations() != null
        && pvc.getMetadata().getAnnotations().containsKey(OwnedObjects.SEARCH_UID);
  }

  /** Its owner references without the search's: one an earlier release set goes. */
  private static List<OwnerReference> othersOwners(
      PersistentVolumeClaim pvc, ArchitectureSearch search) {
    return owners(pvc).stream()
        .filter(o -> !Objects.equals(o.getUid(), search.getMetadata().getUid()))
        .toList();
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
