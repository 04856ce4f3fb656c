package io.zarts.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.GenericKubernetesResourceMatcher;
import io.zarts.api.v1alpha1.ArchitectureSearch;

/**
 * An owned object kept exactly as its builder ({@link io.zarts.operator.job.OwnedObjects}) makes
 * it: created when missing, updated when its content or labels drifted (compared with the cached
 * object, so a pass where nothing drifted sends no request), deleted by the garbage collector with
 * the search. A create that answers 409 adopts the stored object if it is this search's ({@link
 * Adoption}); an object of another search or of no search is never updated ({@link Ownership}).
 */
abstract class OwnedDependent<R extends HasMetadata>
    extends CRUDKubernetesDependentResource<R, ArchitectureSearch> {

  OwnedDependent(Class<R> type) {
    super(type);
  }

  /**
   * The content must equal the desired one; labels may be added to, not removed. JOSDK's default
   * (without server-side apply) accepts any addition, such as a verb added to the trainer's Role,
   * which least privilege cannot.
   */
  @Override
  public Matcher.Result<R> match(
      R actual, ArchitectureSearch primary, Context<ArchitectureSearch> context) {
    R desired = getOrComputeDesired(context);
    if (!Ownership.ownedBy(primary, actual)) {
      // Labelled as this search's, but another's: update refuses it.
      return Matcher.Result.computed(false, desired);
    }
    return GenericKubernetesResourceMatcher.match(desired, actual, false, exactContent(), context);
  }

  /**
   * Whether the content must equal the desired one exactly (true), or only hold it (false: fields
   * the platform adds are left alone).
   */
  protected boolean exactContent() {
    return true;
  }

  @Override
  public R update(
      R actual, R desired, ArchitectureSearch primary, Context<ArchitectureSearch> context) {
    return super.update(Ownership.require(primary, actual), desired, primary, context);
  }

  @Override
  public R create(R desired, ArchitectureSearch primary, Context<ArchitectureSearch> context) {
    return Adoption.createOrAdopt(
        context.getClient(),
        primary,
        desired,
        () -> super.create(desired, primary, context),
        stored -> update(stored, desired, primary, context));
  }
}
