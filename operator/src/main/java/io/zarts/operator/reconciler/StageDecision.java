package io.zarts.operator.reconciler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchSpec;
import io.zarts.operator.job.JobState;
import io.zarts.operator.job.TrainerJobFactory;
import io.zarts.operator.job.TrainerStage;
import io.zarts.operator.status.Lifecycle;
import io.zarts.operator.status.StageFacts;
import java.util.List;
import java.util.Optional;

/**
 * What one pass does with a stage's trainer Job, decided from the resource, that Job (absent when
 * deleted or being deleted) and the search's pods. Two rules keep the checkpoints safe: a Job is
 * only created when no pod of the search may still be running (a pod being deleted still
 * checkpoints during its grace period), and a stage that ended for good is not started again unless
 * the user asks ({@link Lifecycle}).
 */
record StageDecision(Action action, String why) {

  enum Action {
    /** The Job is as it should be. */
    KEEP,
    /** Delete the Job (its pod checkpoints on SIGTERM); a later pass creates the next one. */
    DELETE,
    /** Create the Job. */
    CREATE,
    /** Create it once the named pod has stopped. */
    WAIT,
    /** No Job, and none is wanted. */
    NONE
  }

  static StageDecision decide(
      ArchitectureSearch search, StageFacts facts, Job job, Job deleting, List<Pod> searchPods) {
    ArchitectureSearchSpec spec = search.getSpec();
    boolean specAccepted = facts.specAccepted();
    if (!specAccepted || Boolean.TRUE.equals(spec.getSuspend())) {
      return job != null && !JobState.finished(job)
          ? new StageDecision(Action.DELETE, specAccepted ? "suspended" : "the spec was refused")
          : new StageDecision(Action.NONE, "");
    }
    if (job != null) {
      return decideExisting(search, facts.stage(), job, searchPods);
    }
    if (facts.endedForGood()) {
      return new StageDecision(Action.NONE, "ended");
    }
    if (deleting != null) {
      // The old Job of that name is still there (foreground deletion waits for its pods).
      return new StageDecision(Action.WAIT, deleting.getMetadata().getName());
    }
    Optional<Pod> stopping = JobState.firstStillRunning(searchPods);
    return stopping
        .map(p -> new StageDecision(Action.WAIT, p.getMetadata().getName()))
        .orElseGet(() -> new StageDecision(Action.CREATE, ""));
  }

  private static StageDecision decideExisting(
      ArchitectureSearch search, TrainerStage stage, Job job, List<Pod> searchPods) {
    ArchitectureSearchSpec spec = search.getSpec();
    if (!JobState.finished(job)) {
      String madeFor = JobState.annotation(job, TrainerJobFactory.RESOURCES_ANNOTATION);
      return !TrainerJobFactory.madeForResources(madeFor, spec)
          ? new StageDecision(Action.DELETE, "spec.resources changed")
          : new StageDecision(Action.KEEP, "");
    }
    if (Lifecycle.retryRequested(search, job)) {
      return new StageDecision(Action.DELETE, "retry requested");
    }
    Integer epochs = JobState.epochs(job);
    if (JobState.complete(job) && epochs != null && stage.wantsMore(search, epochs)) {
      return new StageDecision(Action.DELETE, "more epochs or a larger training.maxDuration");
    }
    if (JobState.failed(job)
        && JobState.anyExitedWith(
            JobState.podsOf(job.getMetadata().getName(), searchPods),
            TrainerJobFactory.VOLUME_FULL_EXIT_CODE)
        && larger(
            spec.getCheckpoint().getSize(),
            JobState.annotation(job, TrainerJobFactory.CHECKPOINT_SIZE_ANNOTATION))) {
      return new StageDecision(Action.DELETE, "spec.checkpoint.size raised");
    }
    return new StageDecision(Action.KEEP, "");
  }

  /** Whether size a is a larger quantity than b (false when either is absent or unreadable). */
  static boolean larger(String a, String b) {
    if (a == null || b == null || "null".equals(b)) {
      return false;
    }
    try {
      return new Quantity(a).getNumericalAmount().compareTo(new Quantity(b).getNumericalAmount())
          > 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
