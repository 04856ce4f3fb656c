package io.zarts.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
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

  @Test
  void objectsItIsNotToKeepAreNeverCached() {
    TrimmedItemStore<Pod> store =
        new TrimmedItemStore<>(p -> "Running".equals(p.getStatus().getPhase()));
    Pod running = pod();
    store.put(store.getKey(running), running);
    assertThat(store.get("ns/s-trainer-x1")).isNotNull();
    Pod failed = pod();
    failed.getStatus().setPhase("Failed");
    // An update that makes the object one not to keep drops what was cached.
    store.put(store.getKey(failed), failed);
    assertThat(store.get("ns/s-trainer-x1")).isNull();
    assertThat(store.size()).isZero();
  }

  @Test
  void jobsAreCachedWithoutTheirPodTemplate() {
    Job job =
        new JobBuilder()
            .withNewMetadata()
            .withName("s-trainer")
            .withNamespace("ns")
            .addToAnnotations("zarts.io/resources-hash", "h")
            .endMetadata()
            .withNewSpec()
            .withSuspend(false)
            .withNewTemplate()
            .withNewSpec()
            .addNewContainer()
            .withName("trainer")
            .withImage("zarts/trainer")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .withNewStatus()
            .withSucceeded(1)
            .endStatus()
            .build();
    TrimmedItemStore<Job> store = TrimmedItemStore.forJobs();
    store.put(store.getKey(job), job);
    Job cached = store.get("ns/s-trainer");
    assertThat(cached.getSpec().getTemplate()).isNull();
    assertThat(cached.getSpec().getSuspend()).isFalse();
    assertThat(cached.getStatus().getSucceeded()).isEqualTo(1);
    assertThat(cached.getMetadata().getAnnotations()).containsEntry("zarts.io/resources-hash", "h");
  }

  @Test
  void podsKeepTheirNodeAndContainerImagesAndWholeStatus() {
    Pod pod = pod();
    pod.setSpec(
        new PodSpecBuilder()
            .withNodeName("gpu-1")
            .addNewContainer()
            .withName("trainer")
            .withImage("zarts/trainer:cuda")
            .addNewEnv()
            .withName("A")
            .withValue("b")
            .endEnv()
            .endContainer()
            .addNewVolume()
            .withName("checkpoints")
            .endVolume()
            .build());
    TrimmedItemStore<Pod> store = TrimmedItemStore.forPods();
    store.put(store.getKey(pod), pod);
    Pod cached = store.get("ns/s-trainer-x1");
    assertThat(cached.getSpec().getNodeName()).isEqualTo("gpu-1");
    assertThat(cached.getSpec().getVolumes()).isNullOrEmpty();
    assertThat(cached.getSpec().getContainers())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getImage()).isEqualTo("zarts/trainer:cuda");
              assertThat(c.getEnv()).isNullOrEmpty();
            });
    assertThat(cached.getStatus().getPhase()).isEqualTo("Running");
  }
}
