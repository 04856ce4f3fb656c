package io.zarts.operator.dependent;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.operator.job.OwnedObjects;

/** The trainer pod's ServiceAccount. */
public class TrainerServiceAccountDependent extends OwnedDependent<ServiceAccount> {

  public TrainerServiceAccountDependent() {
    super(ServiceAccount.class);
  }

  @Override
  protected ServiceAccount desired(ArchitectureSearch search, Context<ArchitectureSearch> context) {
    return OwnedObjects.serviceAccount(search);
  }
}
