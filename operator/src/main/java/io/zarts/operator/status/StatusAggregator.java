package io.zarts.operator.status;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.zarts.api.progress.TrainerProgress;
import io.zarts.api.progress.TrainerState;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchSpec;
import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import io.zarts.api.v1alpha1.BudgetStatus;
import io.zarts.api.v1alpha1.EvaluationStatus;
import io.zarts.api.v1alpha1.MaxDuration;
import io.zarts.api.v1alpha1.ProgressStatus;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.api.v1alpha1.TrainerStatus;
import io.zarts.api.validation.Violation;
import io.zarts.operator.job.JobState;
import io.zarts.operator.job.TrainerJobFactory;
import io.zarts.operator.job.TrainerStage;
import io.zarts.operator.status.Situation.Verdict;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one place status is computed: the stage (search or evaluation) follows from the spec and the
 * search Job; the situation is classified from validation, that stage's Job, its pods and its
 * newest report, and its conditions are looked up in {@link Situation}; the phase is derived from
 * the conditions; progress, metrics, alphas, genotype, best and checkpoint are copied from the
 * search's report, status.evaluation from the evaluation's ({@link EvaluationReport}). A pure
 * function: unit-tested without a cluster.
 */
public final class StatusAggregator {

  /** How a refused start goes on; the reconciler's retry is unlimited, at most 2 minutes apart. */
  static final String RETRIED = " (retried until accepted, at most 2 minutes apart)";

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
            ? SpecHash.toRecord(previous.getObservedSpecHash(), search.getSpec(), o.specHash())
            : o.violations().isEmpty() ? o.specHash() : null);
    status.setStartTime(previous.getStartTime());
    status.setRetryToken(o.retryHonoured() != null ? o.retryHonoured() : previous.getRetryToken());
    copyProgress(o.progress(), search, previous, status);

    boolean suspend = Boolean.TRUE.equals(search.getSpec().getSuspend());
    TrainerStage stage = o.stage();
    status.setStage(stage.asStatus());
    // A stage that ended for good stays as it ended: later edits of the spec are not applied.
    boolean ended =
        Lifecycle.endedForGood(
            search,
            stage,
            stage == TrainerStage.EVALUATION ? o.evaluation().progress() : o.progress());
    boolean specAccepted = ended || (o.violations().isEmpty() && !o.immutableChanged());
    Optional<TerminationResult> end =
        specAccepted && JobState.complete(o.job())
            ? TerminationResult.read(o.pods())
            : Optional.empty();
    // The result when the progress ConfigMap never got it, and the budget in any case.
    end.ifPresent(r -> r.applyTo(status));
    recordCompletedEpochs(completedSearchEpochs(o.job(), status, end), search, status);
    EvaluationStatus evaluation =
        specAccepted && stage == TrainerStage.EVALUATION
            ? EvaluationReport.of(o, status.getGenotype())
            : null;
    Verdict verdict =
        ended
            ? classifyEnded(o, stage, status, evaluation)
            : classify(o, stage, status, evaluation, suspend);
    verdict.situation().apply(verdict, c);
    status.setCompletionTime(
        verdict.situation().finished
            ? firstNonNull(previous.getCompletionTime(), o.now().toString())
            : null);
    if (!suspend) {
      c.set(Conditions.SUSPENDED, false, "NotSuspended", "");
    }
    setKstatus(c, verdict);
    if (verdict.situation() == Situation.ENDED) {
      // Its Job is gone: the evaluation block and the Evaluating condition stay as they ended.
      status.setEvaluation(previous.getEvaluation());
    } else if (search.getSpec().getEvaluation() != null) {
      setEvaluating(c, search.getSpec(), stage, verdict);
      status.setEvaluation(
          EvaluationReport.status(
              search.getSpec(), stage, verdict.situation(), evaluation, previous, o));
      recordCompletedEpochs(o.evaluation().job(), status.getEvaluation());
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
    Job job = o.jobOf(stage);
    List<Pod> pods = o.podsOf(stage);
    if (o.job() != null) {
      status.setStartTime(
          firstNonNull(status.getStartTime(), o.job().getMetadata().getCreationTimestamp()));
    }
    if (job != null) {
      status.setStartTime(
          firstNonNull(status.getStartTime(), job.getMetadata().getCreationTimestamp()));
      TrainerStatus trainer = trainer(job, pods, previous.getTrainer());
      // The search's report names the search trainer's devices, not the evaluation's.
      if (stage == TrainerStage.SEARCH
          && o.progress() != null
          && o.progress().getDevices() != null) {
        trainer.setDevices(List.copyOf(o.progress().getDevices()));
      }
      status.setTrainer(trainer);
    } else {
      status.setTrainer(previous.getTrainer());
    }
    return status;
  }

  /**
   * The epochs a completed search Job finished: those it was made for, or, when its time budget ran
   * out, those its termination message names.
   */
  private static Integer completedSearchEpochs(
      Job job, ArchitectureSearchStatus status, Optional<TerminationResult> end) {
    if (!JobState.complete(job)) {
      return null;
    }
    return BudgetStatus.usedUp(status.getBudget())
        ? end.map(TerminationResult::epoch).orElse(null)
        : JobState.epochs(job);
  }

  /**
   * What a completed search Job finished, whatever report reached the status (the result may have
   * come from the termination message alone): recorded, so that the search stays finished once that
   * Job is gone.
   */
  private static void recordCompletedEpochs(
      Integer epochs, ArchitectureSearch search, ArchitectureSearchStatus status) {
    if (epochs == null) {
      return;
    }
    ProgressStatus progress =
        status.getProgress() == null ? new ProgressStatus() : status.getProgress();
    if (progress.getEpoch() == null || progress.getEpoch() < epochs) {
      int total = search.getSpec().getTraining().getEpochs();
      progress.setEpoch(epochs);
      progress.setTotalEpochs(total);
      progress.setPercent(percent(epochs, total));
      progress.setEtaSeconds(null);
      status.setProgress(progress);
    }
  }

  /** The same for the evaluation Job and status.evaluation. */
  private static void recordCompletedEpochs(Job job, EvaluationStatus evaluation) {
    Integer epochs = completedEpochs(job);
    if (epochs != null
        && evaluation != null
        && (evaluation.getEpoch() == null || evaluation.getEpoch() < epochs)) {
      evaluation.setEpoch(epochs);
    }
  }

  private static Integer completedEpochs(Job job) {
    return JobState.complete(job) ? JobState.epochs(job) : null;
  }

  private static int percent(int epoch, int total) {
    return total == 0 ? 0 : Math.min(100, 100 * epoch / total);
  }

  /**
   * kstatus' Reconciling and Stalled, derived from the situation: Reconciling while a trainer is
   * wanted and has not ended (or a suspend is still stopping one), with the Ready (or Suspended)
   * reason; Stalled for a refused spec and for an end other than success, with the Failed (or
   * Succeeded) reason. A search whose stage ended earlier keeps both as they were.
   */
  private static void setKstatus(Conditions c, Verdict verdict) {
    Situation s = verdict.situation();
    if (s == Situation.ENDED) {
      return;
    }
    boolean suspending =
        s == Situation.SUSPENDED_OR_SUSPENDING && "Suspending".equals(verdict.reason());
    boolean reconciling =
        !s.finished && !s.rejectsSpec && (s != Situation.SUSPENDED_OR_SUSPENDING || suspending);
    var why =
        c.get(s == Situation.SUSPENDED_OR_SUSPENDING ? Conditions.SUSPENDED : Conditions.READY);
    c.set(
        Conditions.RECONCILING,
        reconciling,
        reconciling ? why.getReason() : "Idle",
        reconciling ? why.getMessage() : "");
    boolean stalled =
        s.rejectsSpec
            || (s.finished
                && s != Situation.COMPLETED
                && s != Situation.BUDGET_EXHAUSTED
                && s != Situation.EVALUATED);
    var failure =
        c.isTrue(Conditions.FAILED) ? c.get(Conditions.FAILED) : c.get(Conditions.SUCCEEDED);
    c.set(
        Conditions.STALLED,
        stalled,
        stalled ? failure.getReason() : "NotStalled",
        stalled ? failure.getMessage() : "");
  }

  /**
   * The Evaluating condition, with spec.evaluation only: true while the evaluation is the stage and
   * has not ended.
   */
  private static void setEvaluating(
      Conditions c, ArchitectureSearchSpec spec, TrainerStage stage, Verdict verdict) {
    if (stage == TrainerStage.SEARCH) {
      boolean searchEnded = verdict.situation().finished || verdict.situation().rejectsSpec;
      c.set(
          Conditions.EVALUATING,
          false,
          searchEnded ? "NotStarted" : "WaitingForSearch",
          searchEnded ? "" : "the evaluation starts when the search has succeeded");
    } else if (verdict.situation().finished || verdict.situation().rejectsSpec) {
      c.set(
          Conditions.EVALUATING,
          false,
          verdict.situation() == Situation.EVALUATION_FAILED ? "Failed" : "Ended",
          "");
    } else {
      c.set(
          Conditions.EVALUATING,
          true,
          TrainerStage.evaluationOnly(spec) ? "GenotypeGiven" : "SearchSucceeded",
          "retraining the genotype from scratch for "
              + spec.getEvaluation().getEpochs()
              + " epochs");
    }
  }

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
    if (o.immutableChanged()) {
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
  private static Verdict classifyEnded(
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
    String detail = terminationDetail(pods);
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
    String problem = podProblem(pods);
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
    for (ContainerStatus cs : containerStatuses(pod)) {
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
    if (c.isTrue(Conditions.EVALUATING)) {
      return SearchPhase.EVALUATING;
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
      status.setBudget(previous.getBudget());
      return;
    }
    ProgressStatus progress = new ProgressStatus();
    int epoch = p.getEpoch() == null ? 0 : p.getEpoch();
    int total = search.getSpec().getTraining().getEpochs();
    progress.setEpoch(epoch);
    progress.setTotalEpochs(total);
    progress.setPercent(percent(epoch, total));
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
    status.setBudget(p.getBudget());
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

  private static List<ContainerStatus> containerStatuses(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
        ? List.of()
        : pod.getStatus().getContainerStatuses();
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
