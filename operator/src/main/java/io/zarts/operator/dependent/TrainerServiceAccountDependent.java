package io.zarts.operator.dependent;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.operator.job.OwnedObjects;

/**
 * The trainer pod's ServiceAccount. The operator sets only its metadata: what the platform adds
 * (OpenShift's imagePullSecrets and secrets for its internal registry) is left alone, where an
 * exact comparison would remove it on every pass and the platform add it back.
 */
public class TrainerServiceAccountDependent extends OwnedDependent<ServiceAccount> {

  public TrainerServiceAccountDependent() {
    super(ServiceAccount.class);
  }

  @Override
  protected ServiceAccount desired(ArchitectureSearch search, Context<ArchitectureSearch> context) {
    return OwnedObjects.serviceAccount(search);
  }

  @Override
  protected boolean exactContent() {
    return false;
  }

  /** A label put back keeps what the platform added. */
  @Override
  public ServiceAccount update(
      ServiceAccount actual,
      ServiceAccount desired,
      ArchitectureSearch primary,
      Context<ArchitectureSearch> context) {
    desired.setImagePullSecrets(actual.getImagePullSecrets());
    desired.setSecrets(actual.getSecrets());
    return super.update(actual, desired, primary, context);
  }
}
