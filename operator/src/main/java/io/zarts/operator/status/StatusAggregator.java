package io.zarts.operator.status;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.zarts.api.progress.TrainerProgress;
import io.zarts.api.progress.TrainerState;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import io.zarts.api.v1alpha1.ProgressStatus;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.api.v1alpha1.TrainerStatus;
import io.zarts.api.validation.Violation;
import io.zarts.operator.status.Situation.Verdict;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one place status is computed: the situation is classified from validation, the trainer Job,
 * its pods and the newest progress report, and its conditions are looked up in {@link Situation};
 * the phase is derived from the conditions; progress, metrics, alphas, genotype, best and
 * checkpoint are copied from the report. A pure function: unit-tested without a cluster.
 */
public final class StatusAggregator {

  private static final Set<String> POD_PROBLEMS =
      Set.of(
          "ImagePullBackOff",
          "ErrImagePull",
          "CrashLoopBackOff",
          "CreateContainerConfigError",
          "InvalidImageName",
          "CreateContainerError");

  private StatusAggregator() {}

  public static ArchitectureSearchStatus compute(Observation o) {
    ArchitectureSearch search = o.search();
    ArchitectureSearchStatus previous =
        search.getStatus() == null ? new ArchitectureSearchStatus() : search.getStatus();
    long generation =
        search.getMetadata().getGeneration() == null ? 0 : search.getMetadata().getGeneration();
    Conditions c = new Conditions(previous.getConditions(), generation, o.now().toString());
    ArchitectureSearchStatus status = new ArchitectureSearchStatus();
    status.setObservedGeneration(generation);
    status.setObservedSpecHash(
        previous.getObservedSpecHash() != null
            ? previous.getObservedSpecHash()
            : o.violations().isEmpty() ? o.specHash() : null);
    status.setStartTime(previous.getStartTime());
    status.setCompletionTime(previous.getCompletionTime());
    copyProgress(o.progress(), search, previous, status);

    Job job = o.job();
    boolean suspend = Boolean.TRUE.equals(search.getSpec().getSuspend());
    boolean specAccepted = o.violations().isEmpty() && !o.immutableChanged();
    if (specAccepted
        && job != null
        && hasCondition(job, "Complete")
        && status.getGenotype() == null) {
      // The progress ConfigMap never got the result: take it from the trainer's termination
      // message.
      TerminationResult.read(o.pods()).ifPresent(r -> r.applyTo(status));
    }
    Verdict verdict = classify(o, status.getGenotype() != null, suspend);
    verdict.situation().apply(verdict, c);
    if (verdict.situation().finished) {
      status.setCompletionTime(firstNonNull(status.getCompletionTime(), o.now().toString()));
    }
    if (!suspend) {
      c.set(Conditions.SUSPENDED, false, "NotSuspended", "");
    }
    boolean checkpoint = status.getCheckpoint() != null && status.getCheckpoint().getPath() != null;
    c.set(
        Conditions.CHECKPOINT_AVAILABLE,
        checkpoint,
        checkpoint ? "Committed" : "NoCheckpoint",
        checkpoint
            ? "epoch "
                + status.getCheckpoint().getEpoch()
                + " in "
                + status.getCheckpoint().getPath()
            : "");
    status.setConditions(c.list());
    status.setPhase(phase(c));
    if (job != null) {
      status.setStartTime(
          firstNonNull(status.getStartTime(), job.getMetadata().getCreationTimestamp()));
      status.setTrainer(trainer(job, o.pods(), previous.getTrainer()));
    } else {
      status.setTrainer(previous.getTrainer());
    }
    return status;
  }

  /**
   * The situation the observation shows, first match wins: spec problems, then the Job's end, then
   * its progress.
   */
  static Verdict classify(Observation o, boolean hasResult, boolean suspend) {
    Job job = o.job();
    if (!o.violations().isEmpty()) {
      return Verdict.of(
          Situation.INVALID_SPEC,
          o.violations().stream().map(Violation::toString).collect(Collectors.joining("; ")));
    }
    if (o.immutableChanged()) {
      return Verdict.of(Situation.IMMUTABLE_FIELD_CHANGED);
    }
    if (job != null && hasCondition(job, "Complete")) {
      return hasResult
          ? Verdict.of(Situation.COMPLETED, "searched " + epochs(o.progress(), o.search()))
          : Verdict.of(Situation.RESULT_UNREADABLE);
    }
    if (job != null && hasCondition(job, "Failed")) {
      JobCondition failed = condition(job, "Failed");
      String detail = terminationDetail(o.pods());
      return new Verdict(
          Situation.TRAINER_FAILED,
          reason(failed.getReason(), "TrainerFailed"),
          (failed.getMessage() == null ? "the trainer Job failed" : failed.getMessage())
              + (detail.isEmpty() ? "" : ": " + detail));
    }
    if (suspend) {
      return job == null
          ? new Verdict(
              Situation.SUSPENDED_OR_SUSPENDING,
              "Suspended",
              "the trainer checkpointed and stopped; set spec.suspend to false to resume")
          : new Verdict(
              Situation.SUSPENDED_OR_SUSPENDING,
              "Suspending",
              "the trainer is checkpointing before it stops");
    }
    if (job == null) {
      return Verdict.of(Situation.CREATING);
    }
    if (Boolean.TRUE.equals(job.getSpec().getSuspend())) {
      return Verdict.of(
          Situation.QUEUED,
          "waiting for Kueue to admit the Job in queue "
              + o.search().getSpec().getResources().getQueueName());
    }
    String problem = podProblem(o.pods());
    if (problem != null) {
      return new Verdict(
          Situation.POD_PROBLEM, problem.substring(0, problem.indexOf(':')), problem);
    }
    if (running(job)) {
      return Verdict.of(
          Situation.RUNNING,
          o.progress() == null
              ? "the trainer is starting"
              : "epoch " + o.progress().getEpoch() + " of " + o.progress().getTotalEpochs());
    }
    return Verdict.of(Situation.PENDING);
  }

  /** Derived only from the conditions, for the printer column. */
  static SearchPhase phase(Conditions c) {
    if (c.isTrue(Conditions.FAILED)) {
      return SearchPhase.FAILED;
    }
    if (c.isTrue(Conditions.SUCCEEDED)) {
      return SearchPhase.SUCCEEDED;
    }
    if (c.isTrue(Conditions.SUSPENDED)) {
      return SearchPhase.SUSPENDED;
    }
    return c.isTrue(Conditions.READY) ? SearchPhase.RUNNING : SearchPhase.PENDING;
  }

  private static void copyProgress(
      TrainerProgress p,
      ArchitectureSearch search,
      ArchitectureSearchStatus previous,
      ArchitectureSearchStatus status) {
    if (p == null) {
      status.setProgress(previous.getProgress());
      status.setMetrics(previous.getMetrics());
      status.setBest(previous.getBest());
      status.setAlphas(previous.getAlphas());
      status.setGenotype(previous.getGenotype());
      status.setCheckpoint(previous.getCheckpoint());
      return;
    }
    ProgressStatus progress = new ProgressStatus();
    int epoch = p.getEpoch() == null ? 0 : p.getEpoch();
    int total = search.getSpec().getTraining().getEpochs();
    progress.setEpoch(epoch);
    progress.setTotalEpochs(total);
    progress.setPercent(total == 0 ? 0 : Math.min(100, 100 * epoch / total));
    if (p.getMetrics() != null
        && p.getMetrics().getSecondsPerEpoch() != null
        && p.getState() != TrainerState.SUCCEEDED) {
      progress.setEtaSeconds(
          Math.round(Math.max(0, total - epoch) * p.getMetrics().getSecondsPerEpoch()));
    }
    status.setProgress(progress);
    status.setMetrics(p.getMetrics());
    status.setBest(p.getBest());
    status.setAlphas(p.getAlphas());
    status.setGenotype(p.getGenotype());
    status.setCheckpoint(p.getCheckpoint() != null ? p.getCheckpoint() : previous.getCheckpoint());
  }

  private static TrainerStatus trainer(Job job, List<Pod> pods, TrainerStatus previous) {
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
          return cs.getState().getWaiting().getReason()
              + ": "
              + nullToEmpty(cs.getState().getWaiting().getMessage());
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

  private static String terminationDetail(List<Pod> pods) {
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

  private static List<ContainerStatus> containerStatuses(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
        ? List.of()
        : pod.getStatus().getContainerStatuses();
  }

  private static boolean running(Job job) {
    return job.getStatus() != null && nz(job.getStatus().getActive()) > 0;
  }

  private static boolean hasCondition(Job job, String type) {
    JobCondition c = condition(job, type);
    return c != null && "True".equals(c.getStatus());
  }

  private static JobCondition condition(Job job, String type) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return null;
    }
    return job.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }

  private static String epochs(TrainerProgress p, ArchitectureSearch search) {
    return (p == null || p.getEpoch() == null
            ? search.getSpec().getTraining().getEpochs()
            : p.getEpoch())
        + " epochs";
  }

  private static String reason(String candidate, String fallback) {
    return candidate != null && candidate.matches("^[A-Z][A-Za-z0-9]*$") ? candidate : fallback;
  }

  private static int nz(Integer i) {
    return i == null ? 0 : i;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private static <T> T firstNonNull(T a, T b) {
    return a != null ? a : b;
  }
}
