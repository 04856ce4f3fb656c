package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which trainer Job a search is at: the search itself, or (with spec.evaluation) the evaluation
 * that retrains the found cell. Kept in the status so that it survives the deletion of a finished
 * Job.
 */
public enum SearchStage {
  @JsonProperty("Search")
  SEARCH,
  @JsonProperty("Evaluation")
  EVALUATION
}
