package io.zarts.operator.status;

import static io.zarts.operator.status.StatusAggregatorTest.T0;
import static io.zarts.operator.status.StatusAggregatorTest.get;
import static io.zarts.operator.status.StatusAggregatorTest.job;
import static io.zarts.operator.status.StatusAggregatorTest.search;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.operator.TrainerFakes;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pending until the trainer container runs, with what it waits for: an active Job counts a pod that
 * waits for a node, an image or a volume, often for hours on a GPU cluster.
 */
class PendingStatusTest {

  private static ArchitectureSearchStatus withPods(List<Pod> pods, Observation.Refusal claim) {
    return StatusAggregator.compute(
        new Observation(
            search(),
            StageFacts.of(search(), job(null, 1), null, null, List.of(), null),
            List.of(),
            null,
            job(null, 1),
            pods,
            null,
            Observation.Stage.NONE,
            null,
            null,
            null,
            claim,
            T0));
  }

  /** The Job's pod as the kubelet shows it before the container runs. */
  private static PodBuilder pendingPod() {
    Pod running = TrainerFakes.runningPod(job(null, 1));
    return new PodBuilder(running)
        .editStatus()
        .withPhase("Pending")
        .withContainerStatuses()
        .endStatus();
  }

  private static void assertPending(ArchitectureSearchStatus status, String reason, String text) {
    assertThat(status.getPhase()).isEqualTo(SearchPhase.PENDING);
    assertThat(get(status, "Ready").getStatus()).isEqualTo("False");
    assertThat(get(status, "Ready").getReason()).isEqualTo(reason);
    assertThat(get(status, "Ready").getMessage()).contains(text);
    assertThat(get(status, "Reconciling").getStatus()).isEqualTo("True");
    assertThat(get(status, "Reconciling").getReason()).isEqualTo(reason);
    assertThat(get(status, "Stalled").getStatus()).isEqualTo("False");
  }

  @Test
  void anActiveJobWhosePodIsNotSeenYetIsPending() {
    assertPending(withPods(List.of(), null), "WaitingForPod", "Job controller");
  }

  @Test
  void anUnscheduledPodIsPendingWithTheSchedulersMessage() {
    assertPending(
        withPods(
            List.of(unschedulable("0/3 nodes are available: 3 Insufficient nvidia.com/gpu.")),
            null),
        "Unschedulable",
        "0/3 nodes are available: 3 Insufficient nvidia.com/gpu.");
  }

  @Test
  void aPodTheSchedulerHasNotSeenYetWaitsForIt() {
    Pod pod = pendingPod().editSpec().withNodeName(null).endSpec().build();
    assertPending(withPods(List.of(pod), null), "Scheduling", "waits for the scheduler");
  }

  /** The pending pod with its trainer container waiting for that reason. */
  private static Pod waiting(String reason, String message) {
    return pendingPod()
        .editStatus()
        .addNewContainerStatus()
        .withName("trainer")
        .withNewState()
        .withNewWaiting()
        .withReason(reason)
        .withMessage(message)
        .endWaiting()
        .endState()
        .endContainerStatus()
        .endStatus()
        .build();
  }

  /** The pending pod without a node, the scheduler's condition saying why. */
  private static Pod unschedulable(String message) {
    return pendingPod()
        .editSpec()
        .withNodeName(null)
        .endSpec()
        .editStatus()
        .addNewCondition()
        .withType("PodScheduled")
        .withStatus("False")
        .withReason("Unschedulable")
        .withMessage(message)
        .endCondition()
        .endStatus()
        .build();
  }

  @Test
  void anImagePullFailureNamesTheImage() {
    assertPending(
        withPods(List.of(waiting("ImagePullBackOff", "Back-off pulling image")), null),
        "ImagePullBackOff",
        "image zarts/trainer: Back-off pulling image");
  }

  @Test
  void aContainerBeingCreatedIsPending() {
    assertPending(
        withPods(List.of(waiting("ContainerCreating", null)), null),
        "ContainerCreating",
        "on node node-1: container trainer is ContainerCreating");
  }

  @Test
  void anUnboundClaimSaysWhyAndWhatToSet() {
    Pod pod = unschedulable("pod has unbound immediate PersistentVolumeClaims");
    var claim =
        new Observation.Refusal(
            "ClaimPending",
            "the checkpoint claim s-checkpoints is not bound (FailedBinding: no persistent"
                + " volumes available for this claim and no storage class is set); set"
                + " spec.checkpoint.storageClassName");
    assertPending(withPods(List.of(pod), claim), "ClaimPending", "no storage class is set");
  }

  @Test
  void onlyARunningContainerIsRunning() {
    ArchitectureSearchStatus status =
        withPods(List.of(TrainerFakes.runningPod(job(null, 1))), null);
    assertThat(status.getPhase()).isEqualTo(SearchPhase.RUNNING);
    assertThat(get(status, "Ready").getStatus()).isEqualTo("True");
  }
}
