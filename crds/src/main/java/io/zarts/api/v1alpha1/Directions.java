package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Distribution of random-search directions. */
public enum Directions {
  /** Uniform on the unit sphere of each alpha tensor. */
  @JsonProperty("uniform")
  UNIFORM,
  /** Standard normal. */
  @JsonProperty("normal")
  NORMAL
}
