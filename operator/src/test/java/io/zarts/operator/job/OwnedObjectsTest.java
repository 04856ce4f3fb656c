package io.zarts.operator.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.validation.ArchitectureSearchValidator;
import io.zarts.operator.Examples;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/**
 * The objects besides the Job: owner references, the trainer's narrow Role, and claims kept on
 * delete.
 */
class OwnedObjectsTest {

  static ArchitectureSearch search(String file) {
    ArchitectureSearch s = Examples.load(file);
    s.setMetadata(
        new ObjectMetaBuilder(s.getMetadata()).withNamespace("ns").withUid("u-1").build());
    return s;
  }

  @Test
  void theTrainerMayOnlyUpdateItsOwnProgressConfigMap() {
    var role = OwnedObjects.role(search("quickstart.yaml"));
    assertThat(role.getRules()).hasSize(1);
    var rule = role.getRules().get(0);
    assertThat(rule.getResources()).containsExactly("configmaps");
    assertThat(rule.getResourceNames()).containsExactly("quickstart-progress");
    assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "update", "patch");
    var binding = OwnedObjects.roleBinding(search("quickstart.yaml"));
    assertThat(binding.getSubjects().get(0).getName()).isEqualTo("quickstart-trainer");
    assertThat(binding.getRoleRef().getName()).isEqualTo("quickstart-trainer");
  }

  @Test
  void aClaimHasNoOwnerButTheSearchsUidAndAnExistingClaimIsNotCreated() {
    ArchitectureSearch quickstart = search("quickstart.yaml");
    quickstart.getMetadata().setUid("uid-q");
    var claim = OwnedObjects.checkpointClaim(quickstart, null, "ReadWriteOncePod");
    // The operator's finalizer deletes or keeps it; the garbage collector never sees an owner.
    assertThat(claim.getMetadata().getOwnerReferences()).isEmpty();
    assertThat(claim.getMetadata().getAnnotations())
        .containsEntry(OwnedObjects.SEARCH_UID, "uid-q");
    var kept =
        OwnedObjects.checkpointClaim(search("digits-queued.yaml"), "fast-ssd", "ReadWriteOnce");
    assertThat(kept.getMetadata().getOwnerReferences()).isEmpty();
    assertThat(kept.getSpec().getStorageClassName()).isEqualTo("fast-ssd");
    assertThat(kept.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    assertThat(
            OwnedObjects.checkpointClaim(search("quickstart.yaml"), null, "ReadWriteOncePod")
                .getSpec()
                .getAccessModes())
        .as("one pod in the whole cluster may mount it, so two trainers never overlap")
        .containsExactly("ReadWriteOncePod");
    assertThat(kept.getSpec().getResources().getRequests().get("storage").toString())
        .isEqualTo("2Gi");
    ArchitectureSearch existing = search("quickstart.yaml");
    existing.getSpec().getCheckpoint().setSize(null);
    existing.getSpec().getCheckpoint().setExistingClaim("mine");
    assertThat(OwnedObjects.checkpointClaim(existing, null, "ReadWriteOncePod")).isNull();
  }

  @Test
  void theSpecConfigMapCarriesTheDefaultedResource() {
    String yaml =
        OwnedObjects.specConfigMap(search("cifar10-mgs.yaml")).getData().get("search.yaml");
    assertThat(yaml)
        .contains("kind: \"ArchitectureSearch\"")
        .contains("algorithm: \"mgs\"")
        .contains("innerBatchSize: 48")
        .contains("claimName: \"cifar10-data\"");
    assertThat(
            ArchitectureSearchValidator.bundled()
                .validate(new YAMLMapper().valueToTree(yamlTree(yaml)))
                .violations())
        .isEmpty();
  }

  static Object yamlTree(String yaml) {
    try {
      return new YAMLMapper().readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
