package io.zarts.operator.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.zarts.api.progress.TrainerProgress;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.validation.Violation;
import io.zarts.operator.job.TrainerStage;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Everything the status is computed from in one reconcile: the resource, what the pass decided on
 * ({@link StageFacts}: computed once, by the reconciler, before it acted), its validation
 * violations, the hash of its immutable part, the search Job and its pods as the informers see them
 * with the newest search report, the same for the evaluation Job, the zarts.io/retry value honoured
 * by a Job created in this pass (or null), the API server's refusal to create it (or null), the Job
 * controller's refusal to create the current stage's pod (a FailedCreate event, or null), why the
 * checkpoint claim is not bound (the volume controller's warning, or null), and the clock. A Job
 * being deleted counts as absent; its pods stay in the lists until they are gone.
 */
public record Observation(
    ArchitectureSearch search,
    StageFacts facts,
    List<Violation> violations,
    String specHash,
    Job job,
    List<Pod> pods,
    TrainerProgress progress,
    Stage evaluation,
    String retryHonoured,
    Refusal jobRefused,
    Refusal podRefused,
    Refusal claimPending,
    Instant now) {

  /** The API server refused to create the stage's Job: a reason word and its message. */
  public record Refusal(String reason, String message) {}

  /** One trainer Job (null before it exists), its pods and the newest report it wrote. */
  public record Stage(Job job, List<Pod> pods, TrainerProgress progress) {
    public static final Stage NONE = new Stage(null, List.of(), null);
  }

  /** The stage the pass decided on. */
  public TrainerStage stage() {
    return facts.stage();
  }

  /** The pods of both stages. */
  public List<Pod> allPods() {
    return Stream.concat(pods.stream(), evaluation.pods().stream()).toList();
  }

  /** The Job of the stage (null before it exists). */
  public Job jobOf(TrainerStage stage) {
    return stage == TrainerStage.EVALUATION ? evaluation.job() : job;
  }

  /** The pods of the stage's Job. */
  public List<Pod> podsOf(TrainerStage stage) {
    return stage == TrainerStage.EVALUATION ? evaluation.pods() : pods;
  }
}
