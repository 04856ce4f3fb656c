package io.zarts.operator.reconciler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.operator.job.TrainerStage;
import io.zarts.operator.status.StageFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one pass does to the trainer Jobs, decided from what it observed before it does any of
 * it: the facts the status is computed from, the Jobs the stage makes void, and what happens to the
 * stage's own Job (null when it has none). A pure function of the observation, so that every rule
 * is tested without a cluster.
 */
record PassPlan(StageFacts facts, List<Job> voided, Job stageJob, StageDecision decision) {

  /**
   * The plan for a search whose search and evaluation Jobs (each null when absent or being deleted)
   * are as given; deleting is the stage's Job of the same name while it is being deleted.
   */
  static PassPlan of(
      ArchitectureSearch search,
      StageFacts facts,
      Job searchJob,
      Job evaluationJob,
      Job deleting,
      List<Pod> searchPods) {
    List<Job> voided = new ArrayList<>();
    if (TrainerStage.evaluationOnly(search.getSpec()) && searchJob != null) {
      // spec.evaluation names the genotype: no search runs (its checkpoints stay on the claim).
      voided.add(searchJob);
    }
    if (facts.stage() == TrainerStage.SEARCH && evaluationJob != null) {
      // The search runs again (more epochs): the evaluation of its earlier result is void.
      voided.add(evaluationJob);
    }
    // Neither rule ever voids the stage's own Job: an evaluation-only search is in its evaluation.
    Job stageJob = facts.stage() == TrainerStage.EVALUATION ? evaluationJob : searchJob;
    return new PassPlan(
        facts,
        List.copyOf(voided),
        stageJob,
        StageDecision.decide(search, facts, stageJob, deleting, searchPods));
  }

  /** The observed Job as it is after the plan's deletions of void Jobs (null when voided). */
  Job unlessVoided(Job job) {
    // An immutable list refuses contains(null): an absent Job is simply absent.
    return job == null || voided.contains(job) ? null : job;
  }
}
