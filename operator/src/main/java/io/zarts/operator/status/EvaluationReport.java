package io.zarts.operator.status;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.zarts.api.genotype.Genotype;
import io.zarts.api.progress.TrainerProgress;
import io.zarts.api.v1alpha1.ArchitectureSearchSpec;
import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import io.zarts.api.v1alpha1.EvaluationStatus;
import io.zarts.operator.job.JobState;
import io.zarts.operator.job.TrainerStage;

/**
 * status.evaluation: what the evaluation trainer last reported (progress, losses, test accuracy,
 * parameters, model folder), only when the report is of the genotype being evaluated, so that the
 * result of an earlier genotype never shows; the termination message fills in the test accuracy
 * when the report never arrived. Phase and times come from the operator's view of the Job.
 */
final class EvaluationReport {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private EvaluationReport() {}

  /**
   * The evaluation trainer's latest word on the genotype being evaluated (the spec's, or the
   * search's result when known), or null when it has said nothing about it yet.
   */
  static EvaluationStatus of(Observation o, Genotype searched) {
    ArchitectureSearchSpec spec = o.search().getSpec();
    Genotype expected =
        TrainerStage.evaluationOnly(spec)
            ? Genotype.parse(spec.getEvaluation().getGenotype())
            : searched;
    TrainerProgress p = o.evaluation().progress();
    EvaluationStatus e = null;
    if (p != null
        && p.getEvaluation() != null
        && (expected == null || expected.equals(p.getGenotype()))) {
      e = SERIALIZATION.convertValue(p.getEvaluation(), EvaluationStatus.class);
    }
    if (JobState.complete(o.evaluation().job()) && (e == null || e.getTestAccuracy() == null)) {
      var result = TerminationResult.read(o.evaluation().pods());
      if (result.isPresent() && result.get().testAccuracy() != null) {
        e = e == null ? new EvaluationStatus() : e;
        e.setTestAccuracy(result.get().testAccuracy());
      }
    }
    return e;
  }

  /** status.evaluation for the stage and situation the search is in. */
  static EvaluationStatus status(
      ArchitectureSearchSpec spec,
      TrainerStage stage,
      Situation situation,
      EvaluationStatus reported,
      ArchitectureSearchStatus previous,
      Observation o) {
    if (situation.rejectsSpec) {
      return previous.getEvaluation();
    }
    // During the search nothing of an earlier evaluation holds: only what will run.
    EvaluationStatus e =
        stage == TrainerStage.SEARCH || reported == null ? new EvaluationStatus() : reported;
    e.setEpochs(spec.getEvaluation().getEpochs());
    if (stage == TrainerStage.SEARCH) {
      e.setPhase("Pending");
      return e;
    }
    EvaluationStatus before =
        previous.getEvaluation() == null ? new EvaluationStatus() : previous.getEvaluation();
    e.setPhase(
        switch (situation) {
          case EVALUATED, EVALUATION_RESULT_UNREADABLE -> "Succeeded";
          case EVALUATION_FAILED -> "Failed";
          case RUNNING -> "Running";
          case SUSPENDED_OR_SUSPENDING -> "Suspended";
          default -> "Pending";
        });
    Job job = o.evaluation().job();
    e.setStartTime(
        before.getStartTime() != null
            ? before.getStartTime()
            : job == null ? null : job.getMetadata().getCreationTimestamp());
    e.setCompletionTime(
        situation.finished
            ? firstNonNull(before.getCompletionTime(), e.getCompletionTime(), o.now().toString())
            : null);
    return e;
  }

  private static String firstNonNull(String a, String b, String c) {
    return a != null ? a : b != null ? b : c;
  }
}
