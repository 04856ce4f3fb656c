package io.zarts.operator.dependent;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.operator.job.OwnedObjects;

/** Binds the trainer's Role to its ServiceAccount. */
public class TrainerRoleBindingDependent extends OwnedDependent<RoleBinding> {

  public TrainerRoleBindingDependent() {
    super(RoleBinding.class);
  }

  @Override
  protected RoleBinding desired(ArchitectureSearch search, Context<ArchitectureSearch> context) {
    return OwnedObjects.roleBinding(search);
  }
}
