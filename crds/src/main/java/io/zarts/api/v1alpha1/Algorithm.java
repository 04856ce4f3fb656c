package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Architecture-parameter optimisers. */
public enum Algorithm {
  /** Maximum-likelihood guided search, the best ZARTS variant. */
  @JsonProperty("mgs")
  MGS,
  /** Random search: a zero-order gradient estimate from antithetic perturbations. */
  @JsonProperty("rs")
  RS,
  /** Gradientless descent over geometrically shrinking radii. */
  @JsonProperty("gld")
  GLD,
  /** The first-order DARTS baseline: Adam on the alpha gradient. */
  @JsonProperty("darts")
  DARTS
}
