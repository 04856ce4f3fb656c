package io.zarts.api.progress;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the trainer is doing when it writes a report. */
public enum TrainerState {
  /** Process started, nothing trained yet. */
  @JsonProperty("Starting")
  STARTING,
  /** Continuing from a checkpoint. */
  @JsonProperty("Resumed")
  RESUMED,
  /** An epoch finished; more follow. */
  @JsonProperty("Running")
  RUNNING,
  /** Stopped by SIGTERM after checkpointing; a new pod resumes. */
  @JsonProperty("Preempted")
  PREEMPTED,
  /** All epochs done; the genotype is final. */
  @JsonProperty("Succeeded")
  SUCCEEDED,
  /** Stopped for good: invalid configuration or unrecoverable checkpoint or data. */
  @JsonProperty("Failed")
  FAILED
}
