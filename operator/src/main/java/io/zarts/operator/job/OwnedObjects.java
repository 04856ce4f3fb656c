package io.zarts.operator.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.CheckpointSpec;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The objects besides the Job that a search owns (docs/operator.md §2): the spec ConfigMap the
 * trainer reads, the progress ConfigMap it writes, its ServiceAccount with a Role that may only
 * update that ConfigMap, and the checkpoint claim. All carry an owner reference but the claim,
 * which the operator deletes or keeps when the search is deleted.
 */
public final class OwnedObjects {

  public static final String PROGRESS_LABEL = "zarts.io/progress";

  /** The uid of the search a checkpoint claim belongs to: the claim may outlive the search. */
  public static final String SEARCH_UID = "zarts.io/search-uid";

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final YAMLMapper YAML = new YAMLMapper();

  private OwnedObjects() {}

  static ObjectMeta meta(ArchitectureSearch search, String name, boolean owned) {
    ObjectMetaBuilder meta =
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(search.getMetadata().getNamespace())
            .addToLabels("app.kubernetes.io/managed-by", "zarts-operator")
            .addToLabels(TrainerJobFactory.SEARCH_LABEL, search.getMetadata().getName());
    if (owned) {
      meta.withOwnerReferences(TrainerJobFactory.ownerReference(search));
    }
    return meta.build();
  }

  /**
   * The resource as the trainer reads it: apiVersion, kind, name, namespace and the defaulted spec.
   */
  public static ConfigMap specConfigMap(ArchitectureSearch search) {
    ObjectNode doc = YAML.createObjectNode();
    doc.put("apiVersion", ArchitectureSearch.API_VERSION);
    doc.put("kind", ArchitectureSearch.KIND);
    doc.putObject("metadata")
        .put("name", search.getMetadata().getName())
        .put("namespace", search.getMetadata().getNamespace());
    doc.set("spec", SERIALIZATION.convertValue(search.getSpec(), ObjectNode.class));
    String yaml;
    try {
      yaml = YAML.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return new ConfigMapBuilder()
        .withMetadata(meta(search, SearchNames.of(search).specConfigMap(), true))
        .addToData("search.yaml", yaml)
        .build();
  }

  /** Created empty; only the trainer writes it (key progress.json). */
  public static ConfigMap progressConfigMap(ArchitectureSearch search) {
    ConfigMap cm =
        new ConfigMapBuilder()
            .withMetadata(meta(search, SearchNames.of(search).progressConfigMap(), true))
            .build();
    cm.getMetadata().getLabels().put(PROGRESS_LABEL, "true");
    return cm;
  }

  public static ServiceAccount serviceAccount(ArchitectureSearch search) {
    return new ServiceAccountBuilder()
        .withMetadata(meta(search, SearchNames.of(search).serviceAccount(), true))
        .build();
  }

  /** get/update/patch of exactly one ConfigMap: the search's progress report. */
  public static Role role(ArchitectureSearch search) {
    SearchNames names = SearchNames.of(search);
    return new RoleBuilder()
        .withMetadata(meta(search, names.serviceAccount(), true))
        .addNewRule()
        .withApiGroups("")
        .withResources("configmaps")
        .withResourceNames(names.progressConfigMap())
        .withVerbs("get", "update", "patch")
        .endRule()
        .build();
  }

  public static RoleBinding roleBinding(ArchitectureSearch search) {
    SearchNames names = SearchNames.of(search);
    return new RoleBindingBuilder()
        .withMetadata(meta(search, names.serviceAccount(), true))
        .withNewRoleRef()
        .withApiGroup("rbac.authorization.k8s.io")
        .withKind("Role")
        .withName(names.serviceAccount())
        .endRoleRef()
        .addNewSubject()
        .withKind("ServiceAccount")
        .withName(names.serviceAccount())
        .withNamespace(names.namespace())
        .endSubject()
        .build();
  }

  /**
   * The new checkpoint claim (null with checkpoint.existingClaim). Never an owner reference:
   * whether it outlives the search is decided when the search is deleted (the reconciler's
   * cleanup), and the search's uid in an annotation says whose it is. The access mode is the
   * operator's (ReadWriteOncePod by default).
   */
  public static PersistentVolumeClaim checkpointClaim(
      ArchitectureSearch search, String defaultStorageClass, String accessMode) {
    CheckpointSpec spec = search.getSpec().getCheckpoint();
    if (spec.getExistingClaim() != null) {
      return null;
    }
    String storageClass =
        spec.getStorageClassName() != null ? spec.getStorageClassName() : defaultStorageClass;
    return new PersistentVolumeClaimBuilder()
        .withMetadata(
            new ObjectMetaBuilder(meta(search, SearchNames.of(search).checkpointClaim(), false))
                .addToAnnotations(SEARCH_UID, search.getMetadata().getUid())
                .build())
        .withNewSpec()
        .withAccessModes(accessMode)
        .withStorageClassName(storageClass)
        .withNewResources()
        .withRequests(Map.of("storage", new Quantity(spec.getSize())))
        .endResources()
        .endSpec()
        .build();
  }
}
