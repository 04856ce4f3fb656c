package io.zarts.operator.job;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.zarts.api.v1alpha1.ArchitectureSearchSpec;
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
   * or once the search Job has completed, when spec.evaluation is present; the search otherwise.
   */
  public static TrainerStage current(ArchitectureSearchSpec spec, Job searchJob) {
    if (spec.getEvaluation() == null) {
      return SEARCH;
    }
    return evaluationOnly(spec) || JobState.complete(searchJob) ? EVALUATION : SEARCH;
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
}
