package io.zarts.operator.reconciler;

import static io.zarts.operator.reconciler.StageDecisionTest.job;
import static io.zarts.operator.reconciler.StageDecisionTest.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.validation.Violation;
import io.zarts.operator.Examples;
import io.zarts.operator.job.TrainerStage;
import io.zarts.operator.reconciler.StageDecision.Action;
import io.zarts.operator.status.StageFacts;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One plan per pass, from what the pass observed: which Jobs the stage makes void and what happens
 * to the stage's own Job, with the same facts the status is computed from.
 */
class PassPlanTest {

  static ArchitectureSearch search() {
    ArchitectureSearch s = Examples.load("quickstart-evaluate.yaml", "ns");
    s.getMetadata().setUid("uid-1");
    s.getMetadata().setGeneration(1L);
    return s;
  }

  static PassPlan plan(ArchitectureSearch s, Job searchJob, Job evaluationJob) {
    StageFacts facts = StageFacts.of(s, searchJob, null, null, List.of(), null);
    return PassPlan.of(s, facts, searchJob, evaluationJob, null, List.of());
  }

  @Test
  void aRunningSearchKeepsItsJobAndMakesAnEarlierEvaluationVoid() {
    ArchitectureSearch s = search();
    Job searching = job(s, TrainerStage.SEARCH, null);
    Job oldEvaluation = job(s, TrainerStage.EVALUATION, "Complete");
    PassPlan plan = plan(s, searching, oldEvaluation);
    assertThat(plan.facts().stage()).isEqualTo(TrainerStage.SEARCH);
    assertThat(plan.voided()).containsExactly(oldEvaluation);
    assertThat(plan.stageJob()).isSameAs(searching);
    assertThat(plan.decision().action()).isEqualTo(Action.KEEP);
    assertThat(plan.unlessVoided(oldEvaluation)).isNull();
    assertThat(plan.unlessVoided(searching)).isSameAs(searching);
    assertThat(plan.unlessVoided(null)).as("an absent Job").isNull();
  }

  @Test
  void aCompletedSearchLeadsToItsEvaluationAndVoidsNothing() {
    ArchitectureSearch s = search();
    Job searched = job(s, TrainerStage.SEARCH, "Complete");
    PassPlan creating = plan(s, searched, null);
    assertThat(creating.facts().stage()).isEqualTo(TrainerStage.EVALUATION);
    assertThat(creating.voided()).isEmpty();
    assertThat(creating.decision().action()).isEqualTo(Action.CREATE);

    Job evaluating = job(s, TrainerStage.EVALUATION, null);
    PassPlan running = plan(s, searched, evaluating);
    assertThat(running.stageJob()).isSameAs(evaluating);
    assertThat(running.decision().action()).isEqualTo(Action.KEEP);
    assertThat(running.unlessVoided(searched)).as("its result stays").isSameAs(searched);
  }

  @Test
  void aGivenGenotypeVoidsTheSearchJobAndWaitsForItsPod() {
    ArchitectureSearch s = search();
    Job searching = job(s, TrainerStage.SEARCH, null);
    s.getSpec()
        .getEvaluation()
        .setGenotype(
            "Genotype(normal=[('skip_connect', 0), ('skip_connect', 1), ('skip_connect', 0),"
                + " ('skip_connect', 1), ('skip_connect', 0), ('skip_connect', 1),"
                + " ('skip_connect', 0), ('skip_connect', 1)], normal_concat=[2, 3, 4, 5],"
                + " reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('max_pool_3x3', 0),"
                + " ('max_pool_3x3', 1), ('max_pool_3x3', 0), ('max_pool_3x3', 1),"
                + " ('max_pool_3x3', 0), ('max_pool_3x3', 1)], reduce_concat=[2, 3, 4, 5])");
    StageFacts facts = StageFacts.of(s, searching, null, null, List.of(), null);
    PassPlan plan = PassPlan.of(s, facts, searching, null, null, List.of(pod("Running", null)));
    assertThat(facts.stage()).isEqualTo(TrainerStage.EVALUATION);
    assertThat(plan.voided()).containsExactly(searching);
    assertThat(plan.stageJob()).isNull();
    assertThat(plan.decision().action())
        .as("the voided search's pod still checkpoints")
        .isEqualTo(Action.WAIT);
  }

  @Test
  void aRefusedSpecStopsTheStagesJobAndTheStatusSeesTheSameFacts() {
    ArchitectureSearch s = search();
    Job searching = job(s, TrainerStage.SEARCH, null);
    StageFacts facts =
        StageFacts.of(
            s,
            searching,
            null,
            null,
            List.of(new Violation("spec.training.epochs", "must be > 0")),
            null);
    assertThat(facts.specAccepted()).isFalse();
    PassPlan plan = PassPlan.of(s, facts, searching, null, null, List.of());
    assertThat(plan.decision().action()).isEqualTo(Action.DELETE);
    assertThat(plan.decision().why()).isEqualTo("the spec was refused");
  }
}
