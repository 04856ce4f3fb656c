package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A one-word summary of the conditions, for the printer column. Derived; never a source of truth.
 */
public enum SearchPhase {
  @JsonProperty("Pending")
  PENDING,
  @JsonProperty("Running")
  RUNNING,
  /** The search is done (or was skipped); its genotype is being retrained from scratch. */
  @JsonProperty("Evaluating")
  EVALUATING,
  @JsonProperty("Suspended")
  SUSPENDED,
  @JsonProperty("Succeeded")
  SUCCEEDED,
  @JsonProperty("Failed")
  FAILED
}
