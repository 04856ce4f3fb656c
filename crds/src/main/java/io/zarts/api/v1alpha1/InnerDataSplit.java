package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which half of the data the inner weight steps of a candidate evaluation use. */
public enum InnerDataSplit {
  /** The training half, as the paper's bilevel problem reads. */
  @JsonProperty("train")
  TRAIN,
  /** The validation half, as the released ZARTS code does (discrepancy D2). */
  @JsonProperty("valid")
  VALID
}
