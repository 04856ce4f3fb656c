package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the MGS perturbation scale evolves after the warm-up. */
public enum SigmaSchedule {
  /** Cosine decay from sigma towards 0 over the epochs after warm-up, as the reference. */
  @JsonProperty("cosine")
  COSINE,
  /** sigma throughout. */
  @JsonProperty("constant")
  CONSTANT
}
