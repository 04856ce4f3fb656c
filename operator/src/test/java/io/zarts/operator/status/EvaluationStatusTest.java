package io.zarts.operator.status;

import static io.zarts.operator.status.StatusAggregatorTest.T0;
import static io.zarts.operator.status.StatusAggregatorTest.get;
import static io.zarts.operator.status.StatusAggregatorTest.job;
import static io.zarts.operator.status.StatusAggregatorTest.search;
import static io.zarts.operator.status.StatusAggregatorTest.terminated;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.zarts.api.genotype.Genotype;
import io.zarts.api.progress.TrainerProgress;
import io.zarts.api.progress.TrainerState;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import io.zarts.api.v1alpha1.EvaluationSpec;
import io.zarts.api.v1alpha1.EvaluationStatus;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.operator.TrainerFakes;
import io.zarts.operator.job.JobState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The evaluation stage in the status: when it starts, what each of its Job's states shows, and that
 * a report of another genotype never does.
 */
class EvaluationStatusTest {

  static final Genotype FOUND =
      Genotype.parse(
          "Genotype(normal=[('skip_connect', 0)], normal_concat=[2], reduce=[],"
              + " reduce_concat=[2])");
  static final Genotype OTHER =
      Genotype.parse(
          "Genotype(normal=[('sep_conv_3x3', 0)], normal_concat=[2], reduce=[],"
              + " reduce_concat=[2])");

  static ArchitectureSearch withEvaluation(String genotype) {
    ArchitectureSearch s = search();
    EvaluationSpec e = new EvaluationSpec();
    e.setEpochs(5);
    e.setGenotype(genotype);
    s.getSpec().setEvaluation(e);
    return s;
  }

  static TrainerProgress searchReport() {
    TrainerProgress p = new TrainerProgress();
    p.setState(TrainerState.SUCCEEDED);
    p.setEpoch(50);
    p.setTotalEpochs(50);
    p.setGenotype(FOUND);
    return p;
  }

  static TrainerProgress evaluationReport(Genotype genotype, int epoch, Double testAccuracy) {
    TrainerProgress p = new TrainerProgress();
    p.setState(TrainerState.RUNNING);
    p.setGenotype(genotype);
    EvaluationStatus e = new EvaluationStatus();
    e.setPhase("Running");
    e.setEpoch(epoch);
    e.setEpochs(5);
    e.setTrainLoss(0.5);
    e.setTestAccuracy(testAccuracy);
    e.setParameters(37_018L);
    p.setEvaluation(e);
    return p;
  }

  static Job evaluationJob(String condition, int active) {
    Job j = job(condition, active);
    j.getMetadata().setName("s-evaluate");
    j.getMetadata().setCreationTimestamp("2026-11-28T09:30:00Z");
    return j;
  }

  static ArchitectureSearchStatus compute(
      ArchitectureSearch s,
      Job searchJob,
      Job evaluationJob,
      List<Pod> evaluationPods,
      TrainerProgress evaluation) {
    return StatusAggregator.compute(
        new Observation(
            s,
            StageFacts.of(
                s,
                searchJob,
                searchJob == null ? null : searchReport(),
                evaluation,
                List.of(),
                null),
            List.of(),
            null,
            searchJob,
            JobState.finished(searchJob) || searchJob == null
                ? List.of()
                : List.of(TrainerFakes.runningPod(searchJob)),
            searchJob == null ? null : searchReport(),
            new Observation.Stage(evaluationJob, evaluationPods, evaluation),
            null,
            null,
            null,
            null,
            T0));
  }

  @Test
  void whileTheSearchRunsTheEvaluationWaits() {
    ArchitectureSearchStatus status =
        compute(withEvaluation(null), job(null, 1), null, List.of(), null);
    assertThat(status.getPhase()).isEqualTo(SearchPhase.RUNNING);
    assertThat(get(status, "Evaluating").getStatus()).isEqualTo("False");
    assertThat(get(status, "Evaluating").getReason()).isEqualTo("WaitingForSearch");
    assertThat(status.getEvaluation().getPhase()).isEqualTo("Pending");
    assertThat(status.getEvaluation().getEpochs()).isEqualTo(5);
  }

  @Test
  void withoutSpecEvaluationThereIsNoEvaluatingConditionAndNoBlock() {
    ArchitectureSearchStatus status = compute(search(), job("Complete", 0), null, List.of(), null);
    assertThat(status.getPhase()).isEqualTo(SearchPhase.SUCCEEDED);
    assertThat(status.getConditions()).noneMatch(c -> c.getType().equals("Evaluating"));
    assertThat(status.getEvaluation()).isNull();
  }

  @Test
  void aSucceededSearchMovesToEvaluatingUntilTheEvaluationJobCompletes() {
    ArchitectureSearch s = withEvaluation(null);
    ArchitectureSearchStatus creating = compute(s, job("Complete", 0), null, List.of(), null);
    assertThat(creating.getPhase()).isEqualTo(SearchPhase.EVALUATING);
    assertThat(get(creating, "Evaluating").getStatus()).isEqualTo("True");
    assertThat(get(creating, "Evaluating").getReason()).isEqualTo("SearchSucceeded");
    assertThat(get(creating, "Ready").getMessage()).isEqualTo("creating the evaluation Job");
    assertThat(get(creating, "Succeeded").getStatus()).isEqualTo("Unknown");
    assertThat(creating.getGenotype()).isEqualTo(FOUND);
    assertThat(creating.getCompletionTime()).isNull();

    ArchitectureSearchStatus running =
        compute(
            s,
            job("Complete", 0),
            evaluationJob(null, 1),
            List.of(TrainerFakes.runningPod(evaluationJob(null, 1))),
            evaluationReport(FOUND, 2, 0.4));
    assertThat(running.getPhase()).isEqualTo(SearchPhase.EVALUATING);
    assertThat(get(running, "Ready").getMessage()).isEqualTo("evaluation epoch 2 of 5");
    assertThat(running.getEvaluation().getPhase()).isEqualTo("Running");
    assertThat(running.getEvaluation().getEpoch()).isEqualTo(2);
    assertThat(running.getEvaluation().getStartTime()).isEqualTo("2026-11-28T09:30:00Z");
    assertThat(running.getTrainer().getJobName()).isEqualTo("s-evaluate");

    ArchitectureSearchStatus done =
        compute(
            s,
            job("Complete", 0),
            evaluationJob("Complete", 0),
            List.of(),
            evaluationReport(FOUND, 5, 0.8125));
    assertThat(done.getPhase()).isEqualTo(SearchPhase.SUCCEEDED);
    assertThat(get(done, "Succeeded").getReason()).isEqualTo("Evaluated");
    assertThat(get(done, "Succeeded").getMessage())
        .isEqualTo("test accuracy 0.8125 after 5 evaluation epochs");
    assertThat(get(done, "Evaluating").getStatus()).isEqualTo("False");
    assertThat(done.getEvaluation().getPhase()).isEqualTo("Succeeded");
    assertThat(done.getEvaluation().getTestAccuracy()).isEqualTo(0.8125);
    assertThat(done.getEvaluation().getParameters()).isEqualTo(37_018L);
    assertThat(done.getEvaluation().getCompletionTime()).isEqualTo(T0.toString());
    assertThat(done.getCompletionTime()).isEqualTo(T0.toString());
  }

  @Test
  void aReportOfAnotherGenotypeIsNeverShown() {
    ArchitectureSearchStatus status =
        compute(
            withEvaluation(null),
            job("Complete", 0),
            evaluationJob("Complete", 0),
            List.of(),
            evaluationReport(OTHER, 5, 0.9));
    assertThat(status.getEvaluation().getTestAccuracy()).isNull();
    assertThat(get(status, "Succeeded").getStatus()).isEqualTo("False");
    assertThat(get(status, "Succeeded").getReason()).isEqualTo("EvaluationResultUnreadable");
  }

  @Test
  void theTerminationMessageGivesTheTestAccuracyWhenNoReportArrived() {
    String message =
        "{\"schemaVersion\":1,\"reason\":\"Succeeded\",\"exitCode\":0,\"epoch\":5,"
            + "\"genotype\":\""
            + FOUND.getText()
            + "\",\"testAccuracy\":0.7}";
    ArchitectureSearchStatus status =
        compute(
            withEvaluation(null),
            job("Complete", 0),
            evaluationJob("Complete", 0),
            List.of(terminated(message)),
            null);
    assertThat(status.getPhase()).isEqualTo(SearchPhase.SUCCEEDED);
    assertThat(status.getEvaluation().getTestAccuracy()).isEqualTo(0.7);
  }

  @Test
  void aFailedEvaluationFailsTheSearchAndAFailedSearchNeverEvaluates() {
    ArchitectureSearchStatus evaluationFailed =
        compute(
            withEvaluation(null), job("Complete", 0), evaluationJob("Failed", 0), List.of(), null);
    assertThat(evaluationFailed.getPhase()).isEqualTo(SearchPhase.FAILED);
    assertThat(get(evaluationFailed, "Failed").getReason()).isEqualTo("PodFailurePolicy");
    assertThat(get(evaluationFailed, "Ready").getReason()).isEqualTo("EvaluationFailed");
    assertThat(get(evaluationFailed, "Evaluating").getReason()).isEqualTo("Failed");
    assertThat(evaluationFailed.getEvaluation().getPhase()).isEqualTo("Failed");

    ArchitectureSearchStatus searchFailed =
        compute(withEvaluation(null), job("Failed", 0), null, List.of(), null);
    assertThat(searchFailed.getPhase()).isEqualTo(SearchPhase.FAILED);
    assertThat(get(searchFailed, "Ready").getReason()).isEqualTo("TrainerFailed");
    assertThat(get(searchFailed, "Evaluating").getReason()).isEqualTo("NotStarted");
  }

  @Test
  void aGivenGenotypeSkipsTheSearch() {
    ArchitectureSearch s = withEvaluation(FOUND.getText());
    ArchitectureSearchStatus creating = compute(s, null, null, List.of(), null);
    assertThat(creating.getPhase()).isEqualTo(SearchPhase.EVALUATING);
    assertThat(get(creating, "Evaluating").getReason()).isEqualTo("GenotypeGiven");
    ArchitectureSearchStatus running =
        compute(s, null, evaluationJob(null, 1), List.of(), evaluationReport(FOUND, 1, 0.3));
    assertThat(running.getEvaluation().getEpoch()).isEqualTo(1);
    ArchitectureSearchStatus suspended = compute(suspend(s), null, null, List.of(), null);
    assertThat(suspended.getPhase()).isEqualTo(SearchPhase.SUSPENDED);
    assertThat(suspended.getEvaluation().getPhase()).isEqualTo("Suspended");
  }

  static ArchitectureSearch suspend(ArchitectureSearch s) {
    s.getSpec().setSuspend(true);
    return s;
  }
}
