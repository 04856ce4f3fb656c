package io.zarts.operator.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.zarts.api.progress.TrainerProgress;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.validation.Violation;
import java.time.Instant;
import java.util.List;

/**
 * Everything the status is computed from in one reconcile: the resource, its validation violations, the trainer
 * Job and its pods as the informers see them, the newest progress report, and the clock.
 */
public record Observation(ArchitectureSearch search, List<Violation> violations, Job job, List<Pod> pods,
    TrainerProgress progress, Instant now) {}
