package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * Scoring of candidates: the same validation batches for L0 and every candidate (common random
 * numbers).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"batches", "batchNorm"})
public class CandidateEvalSpec {

  @Default("1")
  @Min(1)
  @Max(64)
  @JsonPropertyDescription(
      "Validation batches averaged into each candidate's loss (1 in the released code, 8 in"
          + " EasyNAS).")
  private Integer batches = 1;

  @Default("train")
  @JsonPropertyDescription(
      "Batch normalisation while scoring: train (batch statistics, the released code) or eval"
          + " (running statistics).")
  private BatchNormMode batchNorm = BatchNormMode.TRAIN;

  public Integer getBatches() {
    return batches;
  }

  public void setBatches(Integer batches) {
    this.batches = batches;
  }

  public BatchNormMode getBatchNorm() {
    return batchNorm;
  }

  public void setBatchNorm(BatchNormMode batchNorm) {
    this.batchNorm = batchNorm;
  }
}
