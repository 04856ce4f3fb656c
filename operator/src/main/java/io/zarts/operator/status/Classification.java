package io.zarts.operator.status;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.zarts.api.progress.TrainerProgress;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import io.zarts.api.v1alpha1.BudgetStatus;
import io.zarts.api.v1alpha1.EvaluationStatus;
import io.zarts.api.v1alpha1.MaxDuration;
import io.zarts.api.validation.Violation;
import io.zarts.operator.job.JobState;
import io.zarts.operator.job.TrainerJobFactory;
import io.zarts.operator.job.TrainerStage;
import io.zarts.operator.status.Situation.Verdict;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which {@link Situation} an observation shows, first match wins: spec problems, then the stage's
 * Job's end, then its progress; and the same for a stage that ended for good. The verdict carries
 * the reason and message the conditions get.
 */
final class Classification {

  private Classification() {}

  /** How a refused start goes on: the reconciler retries it without limit. */
  static final String RETRIED =
      " (retried until accepted, at most "
          + Lifecycle.MAX_RETRY_INTERVAL_MS / 60_000
          + " minutes apart)";

  /**
   * The situation the observation shows, first match wins: spec problems, then the Job's end, then
   * its progress.
   */
  static Verdict classify(
      Observation o,
      TrainerStage stage,
      ArchitectureSearchStatus status,
      EvaluationStatus evaluation,
      boolean suspend) {
    if (!o.violations().isEmpty()) {
      return Verdict.of(
          Situation.INVALID_SPEC,
          o.violations().stream().map(Violation::toString).collect(Collectors.joining("; ")));
    }
    // Valid, yet not accepted: the immutable part changed (StageFacts derives it once).
    if (!o.facts().specAccepted()) {
      return Verdict.of(Situation.IMMUTABLE_FIELD_CHANGED);
    }
    if (stage == TrainerStage.EVALUATION) {
      return classifyEvaluation(o, evaluation, suspend);
    }
    return classifySearch(o, o.job(), status, suspend);
  }

  private static Verdict classifySearch(
      Observation o, Job job, ArchitectureSearchStatus status, boolean suspend) {
    if (JobState.complete(job)) {
      if (status.getGenotype() == null) {
        return Verdict.of(Situation.RESULT_UNREADABLE);
      }
      return BudgetStatus.usedUp(status.getBudget())
          ? Verdict.of(Situation.BUDGET_EXHAUSTED, budgetMessage(o.search(), status))
          : Verdict.of(Situation.COMPLETED, "searched " + epochs(o.progress(), o.search()));
    }
    if (JobState.failed(job)) {
      return failed(Situation.TRAINER_FAILED, job, o.pods(), "the trainer Job failed");
    }
    return classifyRunning(
        o,
        job,
        o.pods(),
        suspend,
        "creating the trainer Job",
        o.progress() == null
            ? "the trainer is starting"
            : "epoch " + o.progress().getEpoch() + " of " + o.progress().getTotalEpochs());
  }

  /**
   * A stage that ended for good: as its finished Job says while it exists, as the status says once
   * it is gone.
   */
  static Verdict classifyEnded(
      Observation o,
      TrainerStage stage,
      ArchitectureSearchStatus status,
      EvaluationStatus evaluation) {
    Job job = o.jobOf(stage);
    if (job == null && Lifecycle.neverWritten(o.search().getStatus())) {
      // Restored without its status: the stage's report says how it ended.
      String restored = " (the status was restored from the trainer's report)";
      if (stage == TrainerStage.EVALUATION
          && (evaluation == null || evaluation.getTestAccuracy() == null)) {
        return Verdict.of(Situation.EVALUATION_RESULT_UNREADABLE);
      }
      return stage == TrainerStage.EVALUATION
          ? Verdict.of(
              Situation.EVALUATED,
              String.format(
                      "test accuracy %.4f after %d evaluation epochs",
                      evaluation.getTestAccuracy(), evaluation.getEpoch())
                  + restored)
          : Verdict.of(
              Situation.COMPLETED, "searched " + epochs(o.progress(), o.search()) + restored);
    }
    if (job == null) {
      return Verdict.of(Situation.ENDED);
    }
    return stage == TrainerStage.EVALUATION
        ? classifyEvaluation(o, evaluation, false)
        : classifySearch(o, job, status, false);
  }

  private static Verdict classifyEvaluation(
      Observation o, EvaluationStatus evaluation, boolean suspend) {
    Job job = o.evaluation().job();
    int epochs = o.search().getSpec().getEvaluation().getEpochs();
    if (JobState.complete(job)) {
      return evaluation != null && evaluation.getTestAccuracy() != null
          ? Verdict.of(
              Situation.EVALUATED,
              String.format(
                  "test accuracy %.4f after %d evaluation epochs",
                  evaluation.getTestAccuracy(), epochs))
          : Verdict.of(Situation.EVALUATION_RESULT_UNREADABLE);
    }
    if (JobState.failed(job)) {
      return failed(
          Situation.EVALUATION_FAILED, job, o.evaluation().pods(), "the evaluation Job failed");
    }
    Integer epoch = evaluation == null ? null : evaluation.getEpoch();
    return classifyRunning(
        o,
        job,
        o.evaluation().pods(),
        suspend,
        "creating the evaluation Job",
        epoch == null
            ? "the evaluation is starting"
            : "evaluation epoch " + epoch + " of " + epochs);
  }

  private static Verdict failed(Situation situation, Job job, List<Pod> pods, String fallback) {
    JobCondition failed = JobState.condition(job, "Failed");
    String detail = TrainerPods.terminationDetail(pods);
    Optional<TrainerFailure> noGpu = TrainerFailure.find(pods, TrainerFailure.NO_GPU);
    if (noGpu.isPresent()) {
      // Retrying cannot help: the image has no CUDA engine or the node no usable GPU.
      return new Verdict(
          situation,
          TrainerFailure.NO_GPU,
          "the trainer stopped at start, "
              + noGpu.get().message()
              + " ("
              + noGpu.get().where()
              + "); once fixed, set a new zarts.io/retry annotation");
    }
    if (JobState.anyExitedWith(pods, TrainerJobFactory.VOLUME_FULL_EXIT_CODE)) {
      return new Verdict(
          situation,
          "CheckpointVolumeFull",
          "the checkpoint volume is full; raise spec.checkpoint.size (the operator expands the"
              + " claim and starts a trainer that resumes from the last checkpoint; once this"
              + " failed Job has been deleted, set a new zarts.io/retry annotation too), or lower"
              + " spec.checkpoint.keep and set a new zarts.io/retry annotation: "
              + detail);
    }
    return new Verdict(
        situation,
        reason(
            failed.getReason(),
            situation == Situation.TRAINER_FAILED ? "TrainerFailed" : "EvaluationFailed"),
        (failed.getMessage() == null ? fallback : failed.getMessage())
            + (detail.isEmpty() ? "" : ": " + detail));
  }

  /** A stage's Job that has not ended: suspended, not created, queued, stuck or running. */
  private static Verdict classifyRunning(
      Observation o, Job job, List<Pod> pods, boolean suspend, String creating, String running) {
    var stopping = JobState.firstStillRunning(o.allPods());
    if (suspend) {
      return job == null && stopping.isEmpty()
          ? new Verdict(
              Situation.SUSPENDED_OR_SUSPENDING,
              "Suspended",
              "the trainer checkpointed and stopped; set spec.suspend to false to resume")
          : new Verdict(
              Situation.SUSPENDED_OR_SUSPENDING,
              "Suspending",
              "the trainer is checkpointing before it stops");
    }
    if (job == null && stopping.isPresent()) {
      return Verdict.of(
          Situation.WAITING_FOR_PREVIOUS_TRAINER,
          "the previous trainer pod "
              + stopping.get().getMetadata().getName()
              + " is still stopping (it checkpoints first); the new trainer starts when it is"
              + " gone");
    }
    if (job == null && o.jobRefused() != null) {
      return new Verdict(
          Situation.JOB_REFUSED, o.jobRefused().reason(), o.jobRefused().message() + RETRIED);
    }
    if (job == null) {
      return Verdict.of(Situation.CREATING, creating);
    }
    if (Boolean.TRUE.equals(job.getSpec().getSuspend())) {
      return Verdict.of(
          Situation.QUEUED,
          "waiting for Kueue to admit the Job in queue "
              + o.search().getSpec().getResources().getQueueName());
    }
    if (o.podRefused() != null && JobState.firstStillRunning(pods).isEmpty()) {
      return new Verdict(
          Situation.POD_REFUSED,
          o.podRefused().reason(),
          "the Job controller cannot create the trainer pod: " + o.podRefused().message());
    }
    if (JobState.trainerRunning(pods)) {
      return Verdict.of(Situation.RUNNING, running);
    }
    // The claim first: a pod waiting for an unbound claim is also unschedulable, with a message
    // that says less than the volume controller's.
    if (o.claimPending() != null) {
      return new Verdict(Situation.PENDING, o.claimPending().reason(), o.claimPending().message());
    }
    String problem = TrainerPods.podProblem(pods);
    if (problem != null) {
      return new Verdict(
          Situation.POD_PROBLEM, problem.substring(0, problem.indexOf(':')), problem);
    }
    return waiting(pods);
  }

  /**
   * Why no trainer container runs yet while nothing is wrong: no pod yet, a pod the scheduler has
   * not placed, or a container being created.
   */
  static Verdict waiting(List<Pod> pods) {
    Pod pod = JobState.firstStillRunning(pods).orElse(null);
    if (pod == null) {
      return new Verdict(
          Situation.PENDING, "WaitingForPod", "waiting for the Job controller to create the pod");
    }
    String name = pod.getMetadata().getName();
    String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    if (node == null || node.isEmpty()) {
      return new Verdict(
          Situation.PENDING, "Scheduling", "pod " + name + " waits for the scheduler");
    }
    for (ContainerStatus cs : TrainerPods.containerStatuses(pod)) {
      var waiting = cs.getState() == null ? null : cs.getState().getWaiting();
      if (waiting != null && reason(waiting.getReason(), null) != null) {
        return new Verdict(
            Situation.PENDING,
            waiting.getReason(),
            "pod "
                + name
                + " on node "
                + node
                + ": container "
                + cs.getName()
                + " is "
                + waiting.getReason()
                + (waiting.getMessage() == null ? "" : " (" + waiting.getMessage() + ")"));
      }
    }
    return new Verdict(
        Situation.PENDING,
        "ContainerStarting",
        "pod " + name + " on node " + node + " is starting");
  }

  private static String epochs(TrainerProgress p, ArchitectureSearch search) {
    return (p == null || p.getEpoch() == null
            ? search.getSpec().getTraining().getEpochs()
            : p.getEpoch())
        + " epochs";
  }

  private static String budgetMessage(ArchitectureSearch search, ArchitectureSearchStatus status) {
    BudgetStatus budget = status.getBudget();
    Integer epoch = status.getProgress() == null ? null : status.getProgress().getEpoch();
    return "training.maxDuration "
        + budget.getMaxDuration()
        + " used up"
        + (budget.getUsedSeconds() == null
            ? ""
            : " (" + MaxDuration.describe(budget.getUsedSeconds()) + " of trainer time)")
        + " after "
        + (epoch == null ? 0 : epoch)
        + " of "
        + search.getSpec().getTraining().getEpochs()
        + " epochs; the genotype is the one found so far; raise training.maxDuration to"
        + " continue from the checkpoint";
  }

  private static String reason(String candidate, String fallback) {
    return candidate != null && candidate.matches("^[A-Z][A-Za-z0-9]*$") ? candidate : fallback;
  }
}
