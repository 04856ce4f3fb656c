package io.zarts.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

/** The informers' caches keep objects without managedFields, and everything else as it was. */
class TrimmedItemStoreTest {

  static Pod pod() {
    return new PodBuilder()
        .withNewMetadata()
        .withName("s-trainer-x1")
        .withNamespace("ns")
        .addToLabels("zarts.io/search", "s")
        .addToManagedFields(
            new ManagedFieldsEntryBuilder()
                .withManager("kubelet")
                .withOperation("Update")
                .withSubresource("status")
                .withFieldsType("FieldsV1")
                .build())
        .endMetadata()
        .withNewStatus()
        .withPhase("Running")
        .endStatus()
        .build();
  }

  @Test
  void aCachedObjectHasNoManagedFieldsAndTheRestUnchanged() {
    TrimmedItemStore<Pod> store = new TrimmedItemStore<>();
    Pod pod = pod();
    store.put(store.getKey(pod), pod);
    Pod cached = store.get("ns/s-trainer-x1");
    assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
    Pod expected = pod();
    expected.getMetadata().setManagedFields(null);
    var json = new KubernetesSerialization();
    assertThat(json.asJson(cached)).isEqualTo(json.asJson(expected));
  }
}
