package io.zarts.operator.status;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.zarts.api.progress.TrainerProgress;
import io.zarts.api.progress.TrainerState;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import io.zarts.api.v1alpha1.BudgetStatus;
import io.zarts.api.v1alpha1.EvaluationStatus;
import io.zarts.api.v1alpha1.ProgressStatus;
import io.zarts.operator.job.JobState;
import java.util.Optional;

/**
 * status.progress and the blocks copied from the search's newest report, and the epochs a completed
 * Job finished, recorded so that a finished stage stays finished once its Job is gone.
 */
final class ProgressRecords {

  private ProgressRecords() {}

  /**
   * The epochs a completed search Job finished: those it was made for, or, when its time budget ran
   * out, those its termination message names.
   */
  static Integer completedSearchEpochs(
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
  static void recordCompletedEpochs(
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
  static void recordCompletedEpochs(Job job, EvaluationStatus evaluation) {
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

  static int percent(int epoch, int total) {
    return total == 0 ? 0 : Math.min(100, 100 * epoch / total);
  }

  static void copyProgress(
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
}
