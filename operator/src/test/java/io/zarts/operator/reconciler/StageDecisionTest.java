package io.zarts.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import io.zarts.api.v1alpha1.BudgetStatus;
import io.zarts.api.v1alpha1.ProgressStatus;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.api.v1alpha1.SearchStage;
import io.zarts.operator.Examples;
import io.zarts.operator.job.TrainerDefaults;
import io.zarts.operator.job.TrainerJobFactory;
import io.zarts.operator.job.TrainerStage;
import io.zarts.operator.reconciler.StageDecision.Action;
import io.zarts.operator.status.Lifecycle;
import io.zarts.operator.status.StageFacts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a pass does with a stage's Job, one rule per case. */
class StageDecisionTest {

  static final TrainerJobFactory JOBS = new TrainerJobFactory(TrainerDefaults.standard("img"));

  static ArchitectureSearch search() {
    ArchitectureSearch s = Examples.load("quickstart.yaml", "ns");
    s.getMetadata().setUid("uid-1");
    s.getMetadata().setGeneration(1L);
    return s;
  }

  static Job job(ArchitectureSearch s, String condition) {
    return job(s, TrainerStage.SEARCH, condition);
  }

  /** The stage's Job as the factory makes it, with that condition true (none when null). */
  static Job job(ArchitectureSearch s, TrainerStage stage, String condition) {
    Job job = JOBS.desired(s, stage);
    if (condition != null) {
      job =
          new JobBuilder(job)
              .withNewStatus()
              .addNewCondition()
              .withType(condition)
              .withStatus("True")
              .endCondition()
              .endStatus()
              .build();
    }
    return job;
  }

  static Pod pod(String phase, Integer exitCode) {
    PodBuilder b =
        new PodBuilder()
            .withNewMetadata()
            .withName("quickstart-trainer-1")
            .addToLabels("job-name", "quickstart-trainer")
            .endMetadata()
            .withNewStatus()
            .withPhase(phase)
            .endStatus();
    if (exitCode != null) {
      b.editStatus()
          .addNewContainerStatus()
          .withNewState()
          .withNewTerminated()
          .withExitCode(exitCode)
          .endTerminated()
          .endState()
          .endContainerStatus()
          .endStatus();
    }
    return b.build();
  }

  static ArchitectureSearch ended(ArchitectureSearch s, SearchPhase phase, int epochs) {
    ArchitectureSearchStatus status = new ArchitectureSearchStatus();
    status.setObservedGeneration(1L);
    status.setPhase(phase);
    status.setStage(SearchStage.SEARCH);
    status.setCompletionTime("2026-11-30T10:00:00Z");
    ProgressStatus progress = new ProgressStatus();
    progress.setEpoch(epochs);
    status.setProgress(progress);
    s.setStatus(status);
    return s;
  }

  /** The search stage's facts, the spec accepted or not, ended as its status says. */
  static StageFacts facts(ArchitectureSearch s, boolean accepted) {
    return new StageFacts(
        TrainerStage.SEARCH, accepted, Lifecycle.endedForGood(s, TrainerStage.SEARCH, null));
  }

  static Action decide(ArchitectureSearch s, Job job, boolean accepted, List<Pod> pods) {
    return StageDecision.decide(s, facts(s, accepted), job, null, pods).action();
  }

  @Test
  void aMissingJobIsCreatedOnlyWhenNoPodOfTheSearchMayStillRun() {
    ArchitectureSearch s = search();
    assertThat(decide(s, null, true, List.of())).isEqualTo(Action.CREATE);
    assertThat(decide(s, null, true, List.of(pod("Running", null)))).isEqualTo(Action.WAIT);
    assertThat(decide(s, null, true, List.of(pod("Pending", null)))).isEqualTo(Action.WAIT);
    assertThat(decide(s, null, true, List.of(pod("Failed", 143)))).isEqualTo(Action.CREATE);
    Job old = job(s, "Failed");
    old.getMetadata().setDeletionTimestamp("2026-11-30T10:00:00Z");
    assertThat(StageDecision.decide(s, facts(s, true), null, old, List.of()).action())
        .as("the old Job of that name is still being deleted")
        .isEqualTo(Action.WAIT);
  }

  @Test
  void suspendAndARefusedSpecStopAnUnfinishedJobOnly() {
    ArchitectureSearch s = search();
    assertThat(decide(s, job(s, null), false, List.of())).isEqualTo(Action.DELETE);
    assertThat(decide(s, job(s, "Complete"), false, List.of())).isEqualTo(Action.NONE);
    assertThat(decide(s, null, false, List.of())).isEqualTo(Action.NONE);
    s.getSpec().setSuspend(true);
    assertThat(decide(s, job(s, null), true, List.of())).isEqualTo(Action.DELETE);
    assertThat(decide(s, null, true, List.of())).isEqualTo(Action.NONE);
  }

  @Test
  void aResourcesEditRollsTheRunningJob() {
    ArchitectureSearch s = search();
    Job running = job(s, null);
    assertThat(decide(s, running, true, List.of())).isEqualTo(Action.KEEP);
    s.getSpec().getResources().getRequests().put("cpu", new Quantity("2"));
    assertThat(StageDecision.decide(s, facts(s, true), running, null, List.of()).why())
        .isEqualTo("spec.resources changed");
    running.getMetadata().getAnnotations().remove(TrainerJobFactory.RESOURCES_ANNOTATION);
    assertThat(decide(s, running, true, List.of()))
        .as("a Job from before the annotation existed is left alone")
        .isEqualTo(Action.KEEP);
  }

  /**
   * Failed before: the operator stopped between creating the retry's Job and writing the status,
   * the trainer failed fast, and the next pass, seeing the retry still pending, deleted that Job
   * and ran the retry a second time.
   */
  @Test
  void aRetrysJobThatFailedBeforeTheStatusRecordedItIsNotRunAgain() {
    ArchitectureSearch s = ended(search(), SearchPhase.FAILED, 1);
    s.getMetadata().setAnnotations(Map.of(ArchitectureSearch.RETRY_ANNOTATION, "2"));
    Job retried = job(s, "Failed");
    retried.getMetadata().getAnnotations().put(Lifecycle.JOB_RETRY_ANNOTATION, "2");
    assertThat(decide(s, retried, true, List.of())).isEqualTo(Action.KEEP);
    assertThat(Lifecycle.honouredBy(s, retried)).as("recorded by this pass").isEqualTo("2");
    // A Job of an earlier run is replaced by the retry, as before.
    assertThat(decide(s, job(s, "Failed"), true, List.of())).isEqualTo(Action.DELETE);
    assertThat(Lifecycle.honouredBy(s, job(s, "Failed"))).isNull();
    assertThat(Lifecycle.honouredBy(s, job(s, null))).as("that run is the retry").isEqualTo("2");
  }

  @Test
  void anEndedStageStartsAgainOnlyWhenAsked() {
    ArchitectureSearch s = ended(search(), SearchPhase.SUCCEEDED, 3);
    assertThat(decide(s, null, true, List.of())).isEqualTo(Action.NONE);
    assertThat(decide(s, job(s, "Complete"), true, List.of())).isEqualTo(Action.KEEP);
    s.getSpec().getTraining().setEpochs(5);
    assertThat(decide(s, null, true, List.of())).isEqualTo(Action.CREATE);

    ArchitectureSearch failed = ended(search(), SearchPhase.FAILED, 1);
    assertThat(decide(failed, null, true, List.of())).isEqualTo(Action.NONE);
    assertThat(decide(failed, job(failed, "Failed"), true, List.of())).isEqualTo(Action.KEEP);
    failed.getMetadata().setAnnotations(Map.of(ArchitectureSearch.RETRY_ANNOTATION, "a"));
    assertThat(decide(failed, job(failed, "Failed"), true, List.of())).isEqualTo(Action.DELETE);
    assertThat(decide(failed, null, true, List.of())).isEqualTo(Action.CREATE);
    failed.getStatus().setRetryToken("a");
    assertThat(decide(failed, null, true, List.of())).isEqualTo(Action.NONE);
  }

  @Test
  void aJobThatFilledItsVolumeIsReplacedOnceTheSizeIsRaised() {
    ArchitectureSearch s = ended(search(), SearchPhase.FAILED, 1);
    Job failed = job(s, "Failed");
    List<Pod> full = List.of(pod("Failed", 5));
    assertThat(decide(s, failed, true, full)).isEqualTo(Action.KEEP);
    s.getSpec().getCheckpoint().setSize("2Gi");
    assertThat(decide(s, failed, true, full)).isEqualTo(Action.DELETE);
    assertThat(decide(s, failed, true, List.of(pod("Failed", 3))))
        .as("only a full volume is cured by a larger one")
        .isEqualTo(Action.KEEP);
    s.getSpec().getCheckpoint().setSize("1000Mi");
    assertThat(decide(s, failed, true, full)).as("1000Mi < 1Gi").isEqualTo(Action.KEEP);
  }

  @Test
  void moreEpochsReplaceACompletedJob() {
    ArchitectureSearch s = search();
    Job complete = job(s, "Complete");
    assertThat(decide(s, complete, true, List.of())).isEqualTo(Action.KEEP);
    s.getSpec().getTraining().setEpochs(9);
    assertThat(decide(s, complete, true, List.of())).isEqualTo(Action.DELETE);
  }

  @Test
  void aSearchWhoseBudgetRanOutContinuesOnlyWhenTheBudgetIsRaised() {
    ArchitectureSearch s = search();
    s.getSpec().getTraining().setMaxDuration("1h");
    Job complete = job(s, "Complete"); // made for the 3 epochs of the quickstart
    ended(s, SearchPhase.SUCCEEDED, 1).getStatus().setBudget(new BudgetStatus("1h", 3600.4, true));
    assertThat(decide(s, complete, true, List.of())).isEqualTo(Action.KEEP);
    assertThat(decide(s, null, true, List.of())).as("its Job gone").isEqualTo(Action.NONE);
    s.getSpec().getTraining().setEpochs(9);
    assertThat(decide(s, complete, true, List.of()))
        .as("more epochs alone cannot run with the budget spent")
        .isEqualTo(Action.KEEP);
    assertThat(decide(s, null, true, List.of())).isEqualTo(Action.NONE);
    s.getSpec().getTraining().setMaxDuration("90m");
    assertThat(decide(s, complete, true, List.of())).isEqualTo(Action.DELETE);
    assertThat(decide(s, null, true, List.of())).isEqualTo(Action.CREATE);
    s.getSpec().getTraining().setMaxDuration(null);
    assertThat(decide(s, null, true, List.of())).as("no limit any more").isEqualTo(Action.CREATE);
    s.getSpec().getTraining().setMaxDuration("60m");
    assertThat(decide(s, null, true, List.of()))
        .as("60m is not more than 1h")
        .isEqualTo(Action.NONE);
  }
}
