package io.zarts.operator.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.zarts.api.progress.TrainerProgress;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.validation.Violation;
import java.time.Instant;
import java.util.List;

/** Observations for tests of the status alone. */
public final class Observations {

  private Observations() {}

  /** The search Job alone (no evaluation Job, no refusal, nothing pending). */
  public static Observation searchOnly(
      ArchitectureSearch search,
      List<Violation> violations,
      Job job,
      List<Pod> pods,
      TrainerProgress progress,
      Instant now) {
    return new Observation(
        search,
        StageFacts.of(search, job, progress, null, violations, null),
        violations,
        null,
        job,
        pods,
        progress,
        Observation.Stage.NONE,
        null,
        null,
        null,
        null,
        now);
  }
}
