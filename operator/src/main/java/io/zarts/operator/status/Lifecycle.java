package io.zarts.operator.status;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.zarts.api.progress.TrainerProgress;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.operator.job.Hashes;
import io.zarts.operator.job.JobState;
import io.zarts.operator.job.TrainerStage;
import java.util.Map;
import java.util.Objects;

/**
 * When a finished search stays finished. Once a stage has ended for good (status.completionTime is
 * set for that stage) no trainer Job is started for it again, whether or not its finished Job still
 * exists, until the user asks: more epochs for a stage that succeeded (a larger
 * training.maxDuration for a search whose budget ran out), or a new value of the zarts.io/retry
 * annotation.
 */
public final class Lifecycle {

  private Lifecycle() {}

  /**
   * The longest wait between two attempts of a failing pass (a refused Job or owned object): the
   * reconciler's back-off, which the status names.
   */
  public static final long MAX_RETRY_INTERVAL_MS = 120_000;

  /** Longest zarts.io/retry value kept as it is in status.retryToken; longer ones by hash. */
  static final int MAX_TOKEN = 63;

  /**
   * The zarts.io/retry value not honoured yet, as status.retryToken records it (itself, or its hash
   * when longer than {@value #MAX_TOKEN} characters), or null.
   */
  public static String pendingRetry(ArchitectureSearch search) {
    Map<String, String> annotations = search.getMetadata().getAnnotations();
    String value =
        annotations == null ? null : annotations.get(ArchitectureSearch.RETRY_ANNOTATION);
    if (value == null || value.isBlank()) {
      return null;
    }
    String token = value.length() <= MAX_TOKEN ? value : Hashes.shortSha256(value);
    String honoured = search.getStatus() == null ? null : search.getStatus().getRetryToken();
    return token.equals(honoured) ? null : token;
  }

  public static boolean retryRequested(ArchitectureSearch search) {
    return pendingRetry(search) != null;
  }

  /**
   * On a Job: the zarts.io/retry token it was created for. The Job records it as well as the
   * status, since the operator may stop between creating the Job and writing the status: the next
   * pass then still knows that this Job is the retry, and a retry whose trainer failed fast is not
   * run a second time.
   */
  public static final String JOB_RETRY_ANNOTATION = "zarts.io/retry-token";

  /** Whether a retry is pending that the stage's Job (null when there is none) was not made for. */
  public static boolean retryRequested(ArchitectureSearch search, Job job) {
    String pending = pendingRetry(search);
    return pending != null && !pending.equals(JobState.annotation(job, JOB_RETRY_ANNOTATION));
  }

  /**
   * The pending retry token that the stage's existing Job honours (or null): a Job made for it, or
   * one still running when the retry was asked for (that run is the retry).
   */
  public static String honouredBy(ArchitectureSearch search, Job job) {
    String pending = pendingRetry(search);
    if (pending == null || job == null) {
      return null;
    }
    boolean madeForIt = pending.equals(JobState.annotation(job, JOB_RETRY_ANNOTATION));
    return madeForIt || !JobState.finished(job) ? pending : null;
  }

  /**
   * Whether the stage ended for good and nothing asks for more: then no Job is created for it and
   * the status stays as it is.
   */
  public static boolean endedForGood(ArchitectureSearch search, TrainerStage stage) {
    return endedForGood(search, stage, null);
  }

  /**
   * The same, with the stage's own report (the progress ConfigMap's, or null): a search restored
   * without its status (a backup tool that leaves status out) is known by that report to have
   * ended, so it is not run again.
   */
  public static boolean endedForGood(
      ArchitectureSearch search, TrainerStage stage, TrainerProgress stageReport) {
    ArchitectureSearchStatus status = search.getStatus();
    if (neverWritten(status)) {
      return !retryRequested(search) && stage.reportedDone(search, stageReport);
    }
    if (status.getCompletionTime() == null
        || status.getStage() != stage.asStatus()
        || retryRequested(search)) {
      return false;
    }
    boolean succeeded = status.getPhase() == SearchPhase.SUCCEEDED;
    return !(succeeded && stage.wantsMore(search, finishedEpochs(status, stage)));
  }

  /** No status written by an operator: a new search, or one restored without its status. */
  static boolean neverWritten(ArchitectureSearchStatus status) {
    return status == null || status.getObservedGeneration() == null;
  }

  /** The epochs the stage had finished when the status was last written. */
  static int finishedEpochs(ArchitectureSearchStatus status, TrainerStage stage) {
    Integer epoch =
        stage == TrainerStage.SEARCH
            ? status.getProgress() == null ? null : status.getProgress().getEpoch()
            : status.getEvaluation() == null ? null : status.getEvaluation().getEpoch();
    return Objects.requireNonNullElse(epoch, 0);
  }
}
