package io.zarts.operator.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.List;
import java.util.Optional;

/**
 * What the Job controller and the kubelet say of a trainer: a Job's Complete and Failed conditions
 * and active pods, its annotations, and whether a pod still runs or how its trainer exited.
 */
public final class JobState {

  private JobState() {}

  public static boolean complete(Job job) {
    return isTrue(job, "Complete");
  }

  public static boolean failed(Job job) {
    return isTrue(job, "Failed");
  }

  public static boolean finished(Job job) {
    return complete(job) || failed(job);
  }

  /**
   * Whether the pod's trainer may still be running: not Succeeded or Failed, whatever its deletion
   * timestamp says (a pod being deleted still checkpoints during its grace period).
   */
  public static boolean stillRunning(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return !"Succeeded".equals(phase) && !"Failed".equals(phase);
  }

  /** The first pod whose trainer may still be running. */
  public static Optional<Pod> firstStillRunning(List<Pod> pods) {
    return pods.stream().filter(JobState::stillRunning).findFirst();
  }

  /** Whether a trainer container among the pods ended with that exit code. */
  public static boolean anyExitedWith(List<Pod> pods, int code) {
    return pods.stream()
        .filter(p -> p.getStatus() != null && p.getStatus().getContainerStatuses() != null)
        .flatMap(p -> p.getStatus().getContainerStatuses().stream())
        .anyMatch(
            cs ->
                cs.getState() != null
                    && cs.getState().getTerminated() != null
                    && Integer.valueOf(code).equals(cs.getState().getTerminated().getExitCode()));
  }

  /** The epochs the Job was made for (its zarts.io/epochs annotation), or null. */
  public static Integer epochs(Job job) {
    String epochs = annotation(job, TrainerJobFactory.EPOCHS_ANNOTATION);
    return epochs == null ? null : Integer.valueOf(epochs);
  }

  /** The pods of the named Job (the Job controller labels them with its name). */
  public static List<Pod> podsOf(String jobName, List<Pod> pods) {
    return pods.stream()
        .filter(p -> p.getMetadata().getLabels() != null)
        .filter(p -> jobName.equals(p.getMetadata().getLabels().get("job-name")))
        .toList();
  }

  /** The Job's annotation, or null. */
  public static String annotation(Job job, String key) {
    return job == null || job.getMetadata().getAnnotations() == null
        ? null
        : job.getMetadata().getAnnotations().get(key);
  }

  /**
   * Whether a trainer container among the pods has started and not ended: the kubelet's running
   * state. A Job's active count is not enough, since it counts a pod that waits for a node, an
   * image or a volume.
   */
  public static boolean trainerRunning(List<Pod> pods) {
    return pods.stream()
        .filter(p -> p.getStatus() != null && p.getStatus().getContainerStatuses() != null)
        .filter(p -> "Running".equals(p.getStatus().getPhase()))
        .flatMap(p -> p.getStatus().getContainerStatuses().stream())
        .anyMatch(cs -> cs.getState() != null && cs.getState().getRunning() != null);
  }

  /** The condition of that type, or null. */
  public static JobCondition condition(Job job, String type) {
    if (job == null || job.getStatus() == null || job.getStatus().getConditions() == null) {
      return null;
    }
    return job.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }

  private static boolean isTrue(Job job, String type) {
    JobCondition c = condition(job, type);
    return c != null && "True".equals(c.getStatus());
  }
}
