package io.zarts.operator.status;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.zarts.api.progress.TrainerProgress;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.validation.Violation;
import io.zarts.operator.job.TrainerStage;
import java.util.List;

/**
 * What a pass knows before it acts, derived once from the resource, the search Job and both
 * reports: the stage, whether the spec is accepted (valid, and its immutable part as the search
 * started with it), and whether that stage ended for good ({@link Lifecycle}). The pass's decisions
 * and the status it writes both read these, so they cannot disagree.
 */
public record StageFacts(TrainerStage stage, boolean specAccepted, boolean endedForGood) {

  public static StageFacts of(
      ArchitectureSearch search,
      Job searchJob,
      TrainerProgress searchReport,
      TrainerProgress evaluationReport,
      List<Violation> violations,
      String specHash) {
    TrainerStage stage = TrainerStage.current(search, searchJob, searchReport);
    boolean accepted = violations.isEmpty() && !SpecHash.changedSinceStart(search, specHash);
    TrainerProgress stageReport =
        stage == TrainerStage.EVALUATION ? evaluationReport : searchReport;
    return new StageFacts(stage, accepted, Lifecycle.endedForGood(search, stage, stageReport));
  }
}
