package io.zarts.operator.status;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.zarts.api.v1alpha1.TrainerStatus;
import java.util.List;
import java.util.Set;

/**
 * What the trainer's pods say: the first stuck pod's problem, the first non-zero exit, and the
 * status.trainer block (attempts, last exit, devices).
 */
final class TrainerPods {

  private TrainerPods() {}

  private static final Set<String> POD_PROBLEMS =
      Set.of(
          "ImagePullBackOff",
          "ErrImagePull",
          "CrashLoopBackOff",
          "CreateContainerConfigError",
          "InvalidImageName",
          "CreateContainerError");

  static TrainerStatus trainer(Job job, List<Pod> pods, TrainerStatus previous) {
    TrainerStatus t = new TrainerStatus();
    t.setJobName(job.getMetadata().getName());
    var s = job.getStatus();
    int attempts = s == null ? 0 : nz(s.getActive()) + nz(s.getFailed()) + nz(s.getSucceeded());
    t.setAttempts(Math.max(attempts, pods.size()));
    for (Pod pod : pods) {
      for (ContainerStatus cs : containerStatuses(pod)) {
        if (cs.getState() != null && cs.getState().getTerminated() != null) {
          t.setLastExitCode(cs.getState().getTerminated().getExitCode());
          t.setLastExitReason(cs.getState().getTerminated().getReason());
        } else if (cs.getLastState() != null && cs.getLastState().getTerminated() != null) {
          t.setLastExitCode(cs.getLastState().getTerminated().getExitCode());
          t.setLastExitReason(cs.getLastState().getTerminated().getReason());
        }
      }
    }
    if (t.getLastExitCode() == null && previous != null) {
      t.setLastExitCode(previous.getLastExitCode());
      t.setLastExitReason(previous.getLastExitReason());
    }
    if (previous != null) {
      t.setDevices(previous.getDevices());
    }
    return t;
  }

  /**
   * "Reason: message" of the first pod that is stuck: an image or container problem, or
   * unschedulable.
   */
  static String podProblem(List<Pod> pods) {
    for (Pod pod : pods) {
      for (ContainerStatus cs : containerStatuses(pod)) {
        if (cs.getState() != null
            && cs.getState().getWaiting() != null
            && POD_PROBLEMS.contains(cs.getState().getWaiting().getReason())) {
          String message = nullToEmpty(cs.getState().getWaiting().getMessage());
          String image = cs.getImage() != null ? cs.getImage() : imageOf(pod, cs.getName());
          return cs.getState().getWaiting().getReason()
              + ": "
              + (image != null && !message.contains(image) ? "image " + image + ": " : "")
              + message;
        }
      }
      if (pod.getStatus() != null && pod.getStatus().getConditions() != null) {
        for (PodCondition pc : pod.getStatus().getConditions()) {
          if ("PodScheduled".equals(pc.getType())
              && "False".equals(pc.getStatus())
              && "Unschedulable".equals(pc.getReason())) {
            return "Unschedulable: "
                + nullToEmpty(pc.getMessage())
                + (nullToEmpty(pc.getMessage()).contains("nvidia.com/gpu")
                    ? " (no node has a free GPU)"
                    : "");
          }
        }
      }
    }
    return null;
  }

  /** The image of the pod's container of that name, or null. */
  private static String imageOf(Pod pod, String container) {
    return pod.getSpec() == null || pod.getSpec().getContainers() == null
        ? null
        : pod.getSpec().getContainers().stream()
            .filter(c -> c.getName().equals(container))
            .map(c -> c.getImage())
            .findFirst()
            .orElse(null);
  }

  static String terminationDetail(List<Pod> pods) {
    for (Pod pod : pods) {
      for (ContainerStatus cs : containerStatuses(pod)) {
        var terminated = cs.getState() == null ? null : cs.getState().getTerminated();
        if (terminated != null
            && terminated.getExitCode() != null
            && terminated.getExitCode() != 0) {
          return "exit code "
              + terminated.getExitCode()
              + (terminated.getMessage() == null ? "" : ", " + terminated.getMessage().strip());
        }
      }
    }
    return "";
  }

  static List<ContainerStatus> containerStatuses(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
        ? List.of()
        : pod.getStatus().getContainerStatuses();
  }

  private static int nz(Integer i) {
    return i == null ? 0 : i;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
