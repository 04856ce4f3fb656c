package io.zarts.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.zarts.operator.status.Observation;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodCreationFailuresTest {

  static final String QUOTA =
      "Error creating: pods \"s-trainer-abcde\" is forbidden: exceeded quota: team, requested:"
          + " requests.cpu=2, used: requests.cpu=7, limited: requests.cpu=8";

  static Event event(String reason, String kind, String name, String uid, String at) {
    return new EventBuilder()
        .withNewMetadata()
        .withName(name + ".1")
        .withNamespace("ns")
        .endMetadata()
        .withReason(reason)
        .withMessage(QUOTA)
        .withLastTimestamp(at)
        .withNewInvolvedObject()
        .withKind(kind)
        .withName(name)
        .withNamespace("ns")
        .withUid(uid)
        .endInvolvedObject()
        .build();
  }

  static Job job() {
    return new JobBuilder()
        .withNewMetadata()
        .withName("s-trainer")
        .withUid("job-2")
        .endMetadata()
        .build();
  }

  static Pod pod(String created) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("s-trainer-x")
        .withCreationTimestamp(created)
        .endMetadata()
        .withNewStatus()
        .withPhase("Failed")
        .endStatus()
        .build();
  }

  @Test
  void productionAsksTheApiServerForFailedCreateEventsOfJobsOnly() {
    FieldSelector selector =
        PodCreationFailures.configuration(true).getInformerConfig().getFieldSelector();
    assertThat(selector.getFields())
        .containsExactlyInAnyOrder(
            new FieldSelector.Field("reason", "FailedCreate"),
            new FieldSelector.Field("involvedObject.kind", "Job"));
    assertThat(PodCreationFailures.configuration(false).getInformerConfig().getFieldSelector())
        .isNull();
  }

  @Test
  void theCacheKeepsOnlyEventsOfJobsNamedLikeATrainer() {
    @SuppressWarnings("unchecked")
    var store =
        (ItemStore<Event>)
            PodCreationFailures.configuration(true).getInformerConfig().getItemStore();
    String t = "2026-11-30T10:00:00Z";
    // Another tenant's CronJob in a watched namespace: its Jobs' refusals are not cached.
    Event cronJob = event("FailedCreate", "Job", "backup-29012345", "u1", t);
    Event trainer = event("FailedCreate", "Job", "s-trainer", "u2", t);
    store.put(store.getKey(cronJob), cronJob);
    store.put(store.getKey(trainer), trainer);
    assertThat(store.values()).containsExactly(trainer);
  }

  @Test
  void eventsMapToTheSearchByTheJobName() {
    String t = "2026-11-30T10:00:00Z";
    assertThat(PodCreationFailures.searchOf(event("FailedCreate", "Job", "s-trainer", "u", t)))
        .containsExactly(new ResourceID("s", "ns"));
    assertThat(PodCreationFailures.searchOf(event("FailedCreate", "Job", "my-s-evaluate", "u", t)))
        .containsExactly(new ResourceID("my-s", "ns"));
    assertThat(PodCreationFailures.searchOf(event("FailedCreate", "Job", "other", "u", t)))
        .isEmpty();
    assertThat(PodCreationFailures.searchOf(event("FailedCreate", "Job", "-trainer", "u", t)))
        .isEmpty();
    assertThat(PodCreationFailures.searchOf(event("SuccessfulCreate", "Job", "s-trainer", "u", t)))
        .isEmpty();
    assertThat(
            PodCreationFailures.searchOf(event("FailedCreate", "ReplicaSet", "s-trainer", "u", t)))
        .isEmpty();
  }

  @Test
  void onlyTheCurrentJobsRefusalNewerThanItsPodsCounts() {
    Event current = event("FailedCreate", "Job", "s-trainer", "job-2", "2026-11-30T10:05:00Z");
    Event earlierJob = event("FailedCreate", "Job", "s-trainer", "job-1", "2026-11-30T10:09:00Z");
    assertThat(PodCreationFailures.of(job(), List.of(), List.of(current, earlierJob)))
        .contains(new Observation.Refusal("FailedCreate", QUOTA));
    assertThat(PodCreationFailures.of(job(), List.of(), List.of(earlierJob)))
        .as("an event of an earlier Job of the same name")
        .isEmpty();
    assertThat(
            PodCreationFailures.of(job(), List.of(pod("2026-11-30T10:04:00Z")), List.of(current)))
        .as("refused after the first pod failed")
        .isPresent();
    assertThat(
            PodCreationFailures.of(job(), List.of(pod("2026-11-30T10:06:00Z")), List.of(current)))
        .as("a pod was created since")
        .isEmpty();
    assertThat(PodCreationFailures.of(null, List.of(), List.of(current))).isEmpty();
  }
}
