package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where the trainer computes. */
public enum Device {
  /** A GPU when one is visible, else the CPU. */
  @JsonProperty("auto")
  AUTO,
  @JsonProperty("cpu")
  CPU,
  /** Fail with exit code 2 when no GPU is visible. */
  @JsonProperty("gpu")
  GPU
}
