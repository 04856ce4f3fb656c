package io.zarts.operator.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.zarts.api.progress.TrainerProgress;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.validation.Violation;
import java.time.Instant;
import java.util.List;

/**
 * Everything the status is computed from in one reconcile: the resource, its validation violations,
 * the hash of its immutable part, the search Job and its pods as the informers see them with the
 * newest search report, the same for the evaluation Job, and the clock.
 */
public record Observation(
    ArchitectureSearch search,
    List<Violation> violations,
    String specHash,
    Job job,
    List<Pod> pods,
    TrainerProgress progress,
    Stage evaluation,
    Instant now) {

  /** One trainer Job (null before it exists), its pods and the newest report it wrote. */
  public record Stage(Job job, List<Pod> pods, TrainerProgress progress) {
    public static final Stage NONE = new Stage(null, List.of(), null);
  }

  /** An observation of the search Job alone (no evaluation Job yet). */
  public Observation(
      ArchitectureSearch search,
      List<Violation> violations,
      Job job,
      List<Pod> pods,
      TrainerProgress progress,
      Instant now) {
    this(search, violations, null, job, pods, progress, Stage.NONE, now);
  }

  /** Whether the immutable part differs from the one the search started with. */
  public boolean immutableChanged() {
    String started = search.getStatus() == null ? null : search.getStatus().getObservedSpecHash();
    return specHash != null && started != null && !started.equals(specHash);
  }
}
