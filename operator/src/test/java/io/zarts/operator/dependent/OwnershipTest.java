package io.zarts.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.operator.job.OwnedObjects;
import org.junit.jupiter.api.Test;

/** Only the search's uid makes an object the search's; its name and label do not. */
class OwnershipTest {

  static ArchitectureSearch search() {
    ArchitectureSearch s = new ArchitectureSearch();
    s.setMetadata(
        new ObjectMetaBuilder()
            .withName("s")
            .withUid("uid-1")
            .withCreationTimestamp("2026-12-07T10:00:00Z")
            .build());
    return s;
  }

  static Role role(ObjectMetaBuilder meta) {
    Role r = new Role();
    r.setMetadata(meta.withName("s-trainer").addToLabels("zarts.io/search", "s").build());
    return r;
  }

  static PersistentVolumeClaim claim(ObjectMetaBuilder meta) {
    PersistentVolumeClaim c = new PersistentVolumeClaim();
    c.setMetadata(meta.withName("s-checkpoints").build());
    return c;
  }

  @Test
  void anOwnerReferenceWithTheSearchsUidMakesItTheSearchs() {
    assertThat(
            Ownership.ownedBy(
                search(),
                role(
                    new ObjectMetaBuilder()
                        .addNewOwnerReference()
                        .withUid("uid-1")
                        .endOwnerReference())))
        .isTrue();
    assertThat(
            Ownership.ownedBy(
                search(),
                role(
                    new ObjectMetaBuilder()
                        .addNewOwnerReference()
                        .withUid("uid-0")
                        .endOwnerReference())))
        .isFalse();
  }

  @Test
  void nameAndLabelAloneDoNot() {
    assertThat(Ownership.ownedBy(search(), role(new ObjectMetaBuilder()))).isFalse();
  }

  @Test
  void aClaimCarriesItsSearchsUidInAnAnnotation() {
    assertThat(
            Ownership.ownedBy(
                search(),
                claim(new ObjectMetaBuilder().addToAnnotations(OwnedObjects.SEARCH_UID, "uid-1"))))
        .isTrue();
    assertThat(
            Ownership.ownedBy(
                search(),
                claim(
                    new ObjectMetaBuilder()
                        .addToAnnotations(OwnedObjects.SEARCH_UID, "uid-0")
                        .withCreationTimestamp("2026-12-07T11:00:00Z"))))
        .as("the uid decides, not the time")
        .isFalse();
  }

  @Test
  void aClaimFromBeforeTheAnnotationIsTheSearchsOnlyIfCreatedSinceTheSearch() {
    assertThat(
            Ownership.ownedBy(
                search(),
                claim(new ObjectMetaBuilder().withCreationTimestamp("2026-12-07T10:00:01Z"))))
        .isTrue();
    assertThat(
            Ownership.ownedBy(
                search(),
                claim(new ObjectMetaBuilder().withCreationTimestamp("2026-12-06T10:00:00Z"))))
        .isFalse();
  }
}
