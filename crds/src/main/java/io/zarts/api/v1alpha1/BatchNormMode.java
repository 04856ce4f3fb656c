package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Batch-normalisation mode while candidates are scored. */
public enum BatchNormMode {
  /** Batch statistics, as the released code scores L0 and every candidate. */
  @JsonProperty("train")
  TRAIN,
  /** Running statistics, as EasyNAS does. */
  @JsonProperty("eval")
  EVAL
}
