package io.zarts.operator.dependent;

import io.fabric8.kubernetes.api.model.rbac.Role;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.operator.job.OwnedObjects;

/** The trainer's Role: get, update and patch of its progress ConfigMap only. */
public class TrainerRoleDependent extends OwnedDependent<Role> {

  public TrainerRoleDependent() {
    super(Role.class);
  }

  @Override
  protected Role desired(ArchitectureSearch search, Context<ArchitectureSearch> context) {
    return OwnedObjects.role(search);
  }
}
