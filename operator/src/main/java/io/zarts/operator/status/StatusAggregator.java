package io.zarts.operator.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchSpec;
import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import io.zarts.api.v1alpha1.EvaluationStatus;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.api.v1alpha1.TrainerStatus;
import io.zarts.operator.job.JobState;
import io.zarts.operator.job.TrainerStage;
import io.zarts.operator.status.Situation.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * The one place status is computed, from the pass's {@link StageFacts} (the stage, whether the spec
 * is accepted, whether the stage ended for good): the situation is classified from validation, that
 * stage's Job, its pods and its newest report ({@link Classification}, with what the pods say from
 * {@link TrainerPods}), and its conditions are looked up in {@link Situation}; the phase is derived
 * from the conditions; progress, metrics, alphas, genotype, best and checkpoint are copied from the
 * search's report ({@link ProgressRecords}), status.evaluation from the evaluation's ({@link
 * EvaluationReport}). A pure function: unit-tested without a cluster.
 */
public final class StatusAggregator {

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
    ProgressRecords.copyProgress(o.progress(), search, previous, status);

    boolean suspend = Boolean.TRUE.equals(search.getSpec().getSuspend());
    TrainerStage stage = o.stage();
    status.setStage(stage.asStatus());
    // A stage that ended for good stays as it ended: later edits of the spec are not applied.
    boolean ended = o.facts().endedForGood();
    boolean specAccepted = ended || o.facts().specAccepted();
    Optional<TerminationResult> end =
        specAccepted && JobState.complete(o.job())
            ? TerminationResult.read(o.pods())
            : Optional.empty();
    // The result when the progress ConfigMap never got it, and the budget in any case.
    end.ifPresent(r -> r.applyTo(status));
    ProgressRecords.recordCompletedEpochs(
        ProgressRecords.completedSearchEpochs(o.job(), status, end), search, status);
    EvaluationStatus evaluation =
        specAccepted && stage == TrainerStage.EVALUATION
            ? EvaluationReport.of(o, status.getGenotype())
            : null;
    Verdict verdict =
        ended
            ? Classification.classifyEnded(o, stage, status, evaluation)
            : Classification.classify(o, stage, status, evaluation, suspend);
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
      ProgressRecords.recordCompletedEpochs(o.evaluation().job(), status.getEvaluation());
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
      TrainerStatus trainer = TrainerPods.trainer(job, pods, previous.getTrainer());
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

  private static <T> T firstNonNull(T a, T b) {
    return a != null ? a : b;
  }
}
