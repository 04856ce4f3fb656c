package io.zarts.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.operator.job.OwnedObjects;

/**
 * The progress ConfigMap: created empty, then only the trainers write it, so it is create-only (no
 * Updater). A create that answers 409 puts back only its labels, never its data.
 */
public class ProgressConfigMapDependent
    extends KubernetesDependentResource<ConfigMap, ArchitectureSearch>
    implements Creator<ConfigMap, ArchitectureSearch>, GarbageCollected<ArchitectureSearch> {

  public ProgressConfigMapDependent() {
    super(ConfigMap.class);
  }

  @Override
  protected ConfigMap desired(ArchitectureSearch search, Context<ArchitectureSearch> context) {
    return OwnedObjects.progressConfigMap(search);
  }

  @Override
  public ConfigMap create(
      ConfigMap desired, ArchitectureSearch primary, Context<ArchitectureSearch> context) {
    return Adoption.createOrAdopt(
        context.getClient(),
        primary,
        desired,
        () -> super.create(desired, primary, context),
        stored ->
            Adoption.labelsKept(desired, stored)
                ? stored
                : context.getClient().resource(stored).edit(c -> Adoption.putLabels(desired, c)));
  }
}
