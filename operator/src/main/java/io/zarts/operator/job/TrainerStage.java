package io.zarts.operator.job;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.zarts.api.progress.TrainerProgress;
import io.zarts.api.progress.TrainerState;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchSpec;
import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import io.zarts.api.v1alpha1.BudgetStatus;
import io.zarts.api.v1alpha1.MaxDuration;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.api.v1alpha1.SearchStage;
import java.util.ArrayList;
import java.util.List;

/**
 * The two trainer Jobs of a search: the search, then (with spec.evaluation) the evaluation that
 * retrains the found cell from scratch. Each has its Job name, trainer arguments and the epochs it
 * was created for.
 */
public enum TrainerStage {
  SEARCH("search"),
  EVALUATION("evaluation");

  /** The value of the stage label on the Job and its pods. */
  public final String label;

  TrainerStage(String label) {
    this.label = label;
  }

  /**
   * The stage a search is in: the evaluation when spec.evaluation names a genotype (no search runs)
   * or once the search has completed all its epochs, when spec.evaluation is present; the search
   * otherwise. The search Job tells when it exists. Once it is gone (deleted by its TTL or by hand)
   * the search's own report does (the progress ConfigMap, which lives as long as the search, holds
   * what the trainer wrote last), then the status it left: so evaluation added a day after the
   * search finished still starts, and a finished search is never run again.
   */
  public static TrainerStage current(
      ArchitectureSearch search, Job searchJob, TrainerProgress searchReport) {
    ArchitectureSearchSpec spec = search.getSpec();
    if (spec.getEvaluation() == null) {
      return SEARCH;
    }
    if (evaluationOnly(spec)) {
      return EVALUATION;
    }
    int wanted = spec.getTraining().getEpochs();
    if (searchJob != null) {
      Integer epochs = JobState.epochs(searchJob);
      boolean done = !SEARCH.wantsMore(search, epochs == null ? wanted : epochs);
      return JobState.complete(searchJob) && done ? EVALUATION : SEARCH;
    }
    Integer reported = SEARCH.succeededEpochs(searchReport);
    if (reported != null) {
      return SEARCH.wantsMore(search, reported) ? SEARCH : EVALUATION;
    }
    ArchitectureSearchStatus status = search.getStatus();
    boolean searchSucceeded =
        status != null
            && (status.getStage() == SearchStage.EVALUATION
                || status.getPhase() == SearchPhase.SUCCEEDED);
    boolean searchDone =
        searchSucceeded
            && status.getProgress() != null
            && status.getProgress().getEpoch() != null
            && !SEARCH.wantsMore(search, status.getProgress().getEpoch());
    return searchDone ? EVALUATION : SEARCH;
  }

  /** Whether the stage's report says it succeeded with all the epochs the spec asks for. */
  public boolean reportedDone(ArchitectureSearch search, TrainerProgress report) {
    Integer epochs = succeededEpochs(report);
    return epochs != null && !wantsMore(search, epochs);
  }

  /** The epochs of this stage that a report of success names, or null (no such report). */
  private Integer succeededEpochs(TrainerProgress report) {
    if (report == null || report.getState() != TrainerState.SUCCEEDED) {
      return null;
    }
    return this == SEARCH
        ? report.getEpoch()
        : report.getEvaluation() == null ? null : report.getEvaluation().getEpoch();
  }

  /** How the status names this stage. */
  public SearchStage asStatus() {
    return this == SEARCH ? SearchStage.SEARCH : SearchStage.EVALUATION;
  }

  /** spec.evaluation names the genotype: the search is skipped. */
  public static boolean evaluationOnly(ArchitectureSearchSpec spec) {
    return spec.getEvaluation() != null && spec.getEvaluation().getGenotype() != null;
  }

  public String jobName(SearchNames names) {
    return this == SEARCH ? names.job() : names.evaluationJob();
  }

  /**
   * The trainer's arguments. The search Job only searches (--skip-evaluation): the evaluation runs
   * in its own Job, which takes the genotype from spec.evaluation.genotype or the finished search's
   * files on the claim.
   */
  List<String> args() {
    List<String> common =
        List.of("/etc/zarts/search.yaml", "--output-dir", "/checkpoints", "--data", "/data");
    List<String> args = new ArrayList<>();
    args.add(this == SEARCH ? "search" : "evaluate");
    args.addAll(common);
    if (this == SEARCH) {
      args.add("--skip-evaluation");
    }
    return args;
  }

  /** The epochs this stage trains: raising them replaces a completed Job, which resumes. */
  public int epochs(ArchitectureSearchSpec spec) {
    return this == SEARCH ? spec.getTraining().getEpochs() : spec.getEvaluation().getEpochs();
  }

  /**
   * Whether the spec asks this stage for more than a run that finished epochsDone epochs did: more
   * epochs; or, for a search whose time budget ran out (status.budget), a larger or removed
   * training.maxDuration, since more epochs alone cannot continue a search with its budget spent.
   */
  public boolean wantsMore(ArchitectureSearch search, int epochsDone) {
    BudgetStatus budget = search.getStatus() == null ? null : search.getStatus().getBudget();
    if (this == SEARCH && BudgetStatus.usedUp(budget)) {
      return MaxDuration.raised(
          search.getSpec().getTraining().getMaxDuration(), budget.getMaxDuration());
    }
    return epochsDone < epochs(search.getSpec());
  }
}
