package io.zarts.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.operator.job.OwnedObjects;

/** The spec ConfigMap the trainer reads (search.yaml). */
public class SpecConfigMapDependent extends OwnedDependent<ConfigMap> {

  public SpecConfigMapDependent() {
    super(ConfigMap.class);
  }

  @Override
  protected ConfigMap desired(ArchitectureSearch search, Context<ArchitectureSearch> context) {
    return OwnedObjects.specConfigMap(search);
  }
}
