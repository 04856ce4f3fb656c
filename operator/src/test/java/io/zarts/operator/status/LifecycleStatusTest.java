package io.zarts.operator.status;

import static io.zarts.operator.status.StatusAggregatorTest.T0;
import static io.zarts.operator.status.StatusAggregatorTest.compute;
import static io.zarts.operator.status.StatusAggregatorTest.get;
import static io.zarts.operator.status.StatusAggregatorTest.job;
import static io.zarts.operator.status.StatusAggregatorTest.search;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.zarts.api.genotype.Genotype;
import io.zarts.api.progress.TrainerProgress;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import io.zarts.api.v1alpha1.BudgetStatus;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.api.v1alpha1.SearchStage;
import io.zarts.api.validation.Violation;
import io.zarts.operator.TrainerFakes;
import io.zarts.operator.job.TrainerJobFactory;
import io.zarts.operator.job.TrainerStage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Terminal states stay terminal: what the status says once the finished Job is gone, when the user
 * asks for a retry or more epochs, while an old pod still stops, and when the volume is full.
 */
class LifecycleStatusTest {

  /** The search after a pass that observed its Job end (Complete or Failed). */
  static ArchitectureSearch finished(String jobCondition, List<Pod> pods) {
    ArchitectureSearch s = search();
    s.getSpec().getTraining().setEpochs(3);
    s.setStatus(compute(s, List.of(), job(jobCondition, 0), pods, TrainerFakes.finalReport(3), T0));
    return s;
  }

  static Pod pod(String name, String phase, Integer exitCode) {
    PodBuilder b =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .addToLabels("job-name", "s-trainer")
            .endMetadata()
            .withNewStatus()
            .withPhase(phase)
            .endStatus();
    if (exitCode != null) {
      b.editStatus()
          .addNewContainerStatus()
          .withName("trainer")
          .withNewState()
          .withNewTerminated()
          .withExitCode(exitCode)
          .withMessage("{\"reason\":\"CheckpointVolumeFull\"}")
          .endTerminated()
          .endState()
          .endContainerStatus()
          .endStatus();
    }
    return b.build();
  }

  @Test
  void aSucceededSearchStaysSucceededWhenItsJobIsDeletedAndWhenItsSpecIsEditedAfterwards() {
    ArchitectureSearch s = finished("Complete", List.of());
    assertThat(s.getStatus().getPhase()).isEqualTo(SearchPhase.SUCCEEDED);
    assertThat(s.getStatus().getStage()).isEqualTo(SearchStage.SEARCH);
    String completed = s.getStatus().getCompletionTime();
    assertThat(completed).isEqualTo(T0.toString());

    ArchitectureSearchStatus gone =
        compute(s, List.of(), null, List.of(), TrainerFakes.finalReport(3), T0.plusSeconds(3600));
    assertThat(gone.getPhase()).isEqualTo(SearchPhase.SUCCEEDED);
    assertThat(get(gone, "Succeeded").getReason()).isEqualTo("Completed");
    assertThat(gone.getCompletionTime()).isEqualTo(completed);
    assertThat(Lifecycle.endedForGood(s, TrainerStage.SEARCH)).isTrue();

    s.setStatus(gone);
    ArchitectureSearchStatus edited =
        compute(
            s,
            List.of(new Violation("spec.training.batchSize", "must be at least 1")),
            null,
            List.of(),
            TrainerFakes.finalReport(3),
            T0.plusSeconds(7200));
    assertThat(edited.getPhase())
        .as("later edits are not applied")
        .isEqualTo(SearchPhase.SUCCEEDED);
  }

  /**
   * Failed before: a search restored without its status (a backup tool that leaves status out)
   * counted as new, and its finished search ran again.
   */
  @Test
  void aSearchRestoredWithoutItsStatusIsKnownByItsReportToHaveFinished() {
    ArchitectureSearch s = search();
    s.getSpec().getTraining().setEpochs(3);
    s.setStatus(null);
    var report = TrainerFakes.finalReport(3);
    assertThat(Lifecycle.endedForGood(s, TrainerStage.SEARCH, report)).isTrue();
    ArchitectureSearchStatus restored = compute(s, List.of(), null, List.of(), report, T0);
    assertThat(restored.getPhase()).isEqualTo(SearchPhase.SUCCEEDED);
    assertThat(get(restored, "Succeeded").getReason()).isEqualTo("Completed");
    assertThat(get(restored, "Succeeded").getMessage()).contains("restored");
    assertThat(restored.getGenotype()).isNotNull();

    // Unless more epochs are asked for, or a retry; and a new search without a report is new.
    s.getSpec().getTraining().setEpochs(5);
    assertThat(Lifecycle.endedForGood(s, TrainerStage.SEARCH, report)).isFalse();
    s.getSpec().getTraining().setEpochs(3);
    s.getMetadata().setAnnotations(java.util.Map.of(ArchitectureSearch.RETRY_ANNOTATION, "1"));
    assertThat(Lifecycle.endedForGood(s, TrainerStage.SEARCH, report)).isFalse();
    assertThat(Lifecycle.endedForGood(search(), TrainerStage.SEARCH, null)).isFalse();
  }

  @Test
  void moreEpochsContinueASucceededSearchEvenAfterItsJobIsGone() {
    ArchitectureSearch s = finished("Complete", List.of());
    s.getSpec().getTraining().setEpochs(5);
    ArchitectureSearchStatus status =
        compute(s, List.of(), null, List.of(), TrainerFakes.finalReport(3), T0.plusSeconds(60));
    assertThat(get(status, "Ready").getReason()).isEqualTo("Creating");
    assertThat(status.getCompletionTime()).as("running again").isNull();
  }

  @Test
  void aFailedSearchStaysFailedUntilANewRetryTokenAndRecordsTheTokenItHonoured() {
    ArchitectureSearch s = finished("Failed", List.of());
    assertThat(s.getStatus().getPhase()).isEqualTo(SearchPhase.FAILED);
    ArchitectureSearchStatus gone = compute(s, List.of(), null, List.of(), null, T0);
    assertThat(gone.getPhase()).isEqualTo(SearchPhase.FAILED);

    s.getMetadata().setAnnotations(Map.of(ArchitectureSearch.RETRY_ANNOTATION, "1"));
    assertThat(Lifecycle.pendingRetry(s)).isEqualTo("1");
    ArchitectureSearchStatus retrying = compute(s, List.of(), null, List.of(), null, T0);
    assertThat(get(retrying, "Ready").getReason()).isEqualTo("Creating");
    assertThat(retrying.getRetryToken()).as("not honoured before a Job exists").isNull();

    var withJob =
        StatusAggregator.compute(
            new Observation(
                s,
                StageFacts.of(s, job(null, 1), null, null, List.of(), null),
                List.of(),
                null,
                job(null, 1),
                List.of(TrainerFakes.runningPod(job(null, 1))),
                null,
                Observation.Stage.NONE,
                "1",
                null,
                null,
                null,
                T0));
    assertThat(withJob.getRetryToken()).isEqualTo("1");
    assertThat(withJob.getPhase()).isEqualTo(SearchPhase.RUNNING);
    assertThat(withJob.getCompletionTime()).isNull();
    s.setStatus(withJob);
    assertThat(Lifecycle.pendingRetry(s)).as("the same token asks nothing more").isNull();
  }

  @Test
  void aResultFromTheTerminationMessageAloneStillKeepsTheSearchFinishedOnceItsJobIsGone() {
    ArchitectureSearch s = search();
    s.getSpec().getTraining().setEpochs(3);
    Job complete = job("Complete", 0);
    complete.getMetadata().setAnnotations(Map.of(TrainerJobFactory.EPOCHS_ANNOTATION, "3"));
    String summary =
        "{\"schemaVersion\":1,\"reason\":\"Succeeded\",\"exitCode\":0,\"genotype\":\""
            + TrainerFakes.GENOTYPE
            + "\"}";
    s.setStatus(
        compute(
            s, List.of(), complete, List.of(StatusAggregatorTest.terminated(summary)), null, T0));
    assertThat(s.getStatus().getPhase()).isEqualTo(SearchPhase.SUCCEEDED);
    assertThat(s.getStatus().getProgress().getEpoch())
        .as("the completed Job's epochs, though no report said so")
        .isEqualTo(3);
    assertThat(Lifecycle.endedForGood(s, TrainerStage.SEARCH)).isTrue();
  }

  @Test
  void aLongRetryValueIsKeptByItsHash() {
    ArchitectureSearch s = finished("Failed", List.of());
    String longValue = "x".repeat(200);
    s.getMetadata().setAnnotations(Map.of(ArchitectureSearch.RETRY_ANNOTATION, longValue));
    String token = Lifecycle.pendingRetry(s);
    assertThat(token).startsWith("sha256:").hasSizeLessThanOrEqualTo(63);
    s.getStatus().setRetryToken(token);
    assertThat(Lifecycle.pendingRetry(s)).isNull();
  }

  @Test
  void aFullCheckpointVolumeSaysWhatToRaise() {
    ArchitectureSearch s = finished("Failed", List.of(pod("s-trainer-1", "Failed", 5)));
    assertThat(get(s.getStatus(), "Failed").getReason()).isEqualTo("CheckpointVolumeFull");
    assertThat(get(s.getStatus(), "Failed").getMessage())
        .contains("raise spec.checkpoint.size")
        .contains("exit code 5");
  }

  @Test
  void aGpuSearchWhoseTrainerHasNoGpuEngineFailsWithNoGpuNamingTheImageAndTheNode() {
    Pod pod = pod("s-trainer-1", "Failed", null);
    pod.setSpec(new io.fabric8.kubernetes.api.model.PodSpecBuilder().withNodeName("gpu-7").build());
    pod.getStatus()
        .getContainerStatuses()
        .add(
            new io.fabric8.kubernetes.api.model.ContainerStatusBuilder()
                .withName("trainer")
                .withImage("zarts/trainer:0.1.0-cpu")
                .withNewState()
                .withNewTerminated()
                .withExitCode(2)
                .withMessage(
                    "{\"schemaVersion\":1,\"reason\":\"NoGPU\",\"exitCode\":2,"
                        + "\"message\":\"CPU-only engine in the image: spec.resources.gpus asks for"
                        + " 1 GPU\"}")
                .endTerminated()
                .endState()
                .build());
    ArchitectureSearch s = finished("Failed", List.of(pod));
    assertThat(s.getStatus().getPhase()).isEqualTo(SearchPhase.FAILED);
    assertThat(get(s.getStatus(), "Failed").getReason()).isEqualTo("NoGPU");
    assertThat(get(s.getStatus(), "Failed").getMessage())
        .isEqualTo(
            "the trainer stopped at start, CPU-only engine in the image: spec.resources.gpus asks"
                + " for 1 GPU (image zarts/trainer:0.1.0-cpu on node gpu-7); once fixed, set a new"
                + " zarts.io/retry annotation");
    assertThat(get(s.getStatus(), "Stalled").getReason()).isEqualTo("NoGPU");
    // Any other exit-2 summary stays a plain trainer failure.
    assertThat(
            get(finished("Failed", List.of(pod("s-trainer-1", "Failed", 2))).getStatus(), "Failed")
                .getReason())
        .isNotEqualTo("NoGPU");
  }

  @Test
  void whileTheOldPodStopsTheNewTrainerWaitsAndASuspendIsStillSuspending() {
    ArchitectureSearch s = search();
    List<Pod> stopping = List.of(pod("s-trainer-1", "Running", null));
    ArchitectureSearchStatus waiting = compute(s, List.of(), null, stopping, null, T0);
    assertThat(get(waiting, "Ready").getReason()).isEqualTo("WaitingForPreviousTrainer");
    assertThat(get(waiting, "Ready").getMessage()).contains("s-trainer-1");

    s.getSpec().setSuspend(true);
    ArchitectureSearchStatus suspending = compute(s, List.of(), null, stopping, null, T0);
    assertThat(get(suspending, "Suspended").getReason()).isEqualTo("Suspending");
    ArchitectureSearchStatus suspended =
        compute(s, List.of(), null, List.of(pod("s-trainer-1", "Failed", 143)), null, T0);
    assertThat(get(suspended, "Suspended").getReason()).isEqualTo("Suspended");
  }

  @Test
  void aSearchWhoseBudgetRanOutSucceedsWithThatReasonAndStaysSoUntilTheBudgetIsRaised() {
    ArchitectureSearch s = search();
    s.getSpec().getTraining().setEpochs(3);
    s.getSpec().getTraining().setMaxDuration("1h");
    TrainerProgress report = TrainerFakes.finalReport(1);
    report.setTotalEpochs(3);
    report.setBudget(new BudgetStatus("1h", 3600.2, true));
    Job complete = job("Complete", 0);
    complete.getMetadata().setAnnotations(Map.of(TrainerJobFactory.EPOCHS_ANNOTATION, "3"));
    s.setStatus(compute(s, List.of(), complete, List.of(), report, T0));

    ArchitectureSearchStatus status = s.getStatus();
    assertThat(status.getPhase()).isEqualTo(SearchPhase.SUCCEEDED);
    assertThat(get(status, "Succeeded").getReason()).isEqualTo("BudgetExhausted");
    assertThat(get(status, "Succeeded").getMessage())
        .isEqualTo(
            "training.maxDuration 1h used up (1h0m0s of trainer time) after 1 of 3 epochs; the"
                + " genotype is the one found so far; raise training.maxDuration to continue from"
                + " the checkpoint");
    assertThat(get(status, "Ready").getReason()).isEqualTo("BudgetExhausted");
    assertThat(get(status, "Stalled").getStatus()).isEqualTo("False");
    assertThat(get(status, "Reconciling").getStatus()).isEqualTo("False");
    assertThat(status.getProgress().getEpoch())
        .as("not the 3 epochs the Job was made for")
        .isEqualTo(1);
    assertThat(status.getBudget().getExhausted()).isTrue();
    assertThat(status.getCompletionTime()).isEqualTo(T0.toString());

    ArchitectureSearchStatus gone =
        compute(s, List.of(), null, List.of(), report, T0.plusSeconds(3600));
    assertThat(gone.getPhase()).isEqualTo(SearchPhase.SUCCEEDED);
    assertThat(get(gone, "Succeeded").getReason()).isEqualTo("BudgetExhausted");
    assertThat(Lifecycle.endedForGood(s, TrainerStage.SEARCH)).isTrue();
    s.getSpec().getTraining().setEpochs(5);
    assertThat(Lifecycle.endedForGood(s, TrainerStage.SEARCH))
        .as("more epochs alone do not continue it")
        .isTrue();
    s.getSpec().getTraining().setMaxDuration("2h");
    assertThat(Lifecycle.endedForGood(s, TrainerStage.SEARCH)).isFalse();
    ArchitectureSearchStatus raised =
        compute(s, List.of(), null, List.of(), report, T0.plusSeconds(7200));
    assertThat(get(raised, "Ready").getReason()).isEqualTo("Creating");
    assertThat(raised.getCompletionTime()).isNull();
  }

  @Test
  void theTerminationMessageAloneTellsThatTheBudgetRanOut() {
    ArchitectureSearch s = search();
    s.getSpec().getTraining().setEpochs(3);
    s.getSpec().getTraining().setMaxDuration("30m");
    Job complete = job("Complete", 0);
    complete.getMetadata().setAnnotations(Map.of(TrainerJobFactory.EPOCHS_ANNOTATION, "3"));
    Pod pod =
        StatusAggregatorTest.terminated(
            "{\"schemaVersion\":1,\"reason\":\"BudgetExhausted\",\"exitCode\":0,\"epoch\":2,"
                + "\"genotype\":\""
                + TrainerFakes.GENOTYPE
                + "\",\"budget\":{\"maxDuration\":\"30m\",\"usedSeconds\":1800.5,"
                + "\"exhausted\":true}}");
    ArchitectureSearchStatus status = compute(s, List.of(), complete, List.of(pod), null, T0);
    assertThat(get(status, "Succeeded").getReason()).isEqualTo("BudgetExhausted");
    assertThat(status.getProgress().getEpoch()).isEqualTo(2);
    assertThat(status.getBudget().getUsedSeconds()).isEqualTo(1800.5);
    assertThat(status.getGenotype()).isEqualTo(Genotype.parse(TrainerFakes.GENOTYPE));
  }
}
