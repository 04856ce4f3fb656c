package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Search spaces: the DARTS space with and without 'none', and the RobustDARTS spaces S1-S4. */
public enum SearchSpaceName {
  /** The 8 DARTS operations, 'none' included. */
  @JsonProperty("darts")
  DARTS,
  /** The 7 DARTS operations without 'none': what ZARTS searches (its 's6'). */
  @JsonProperty("darts-no-none")
  DARTS_NO_NONE,
  /** RobustDARTS S1: two operations per edge, different per edge. */
  @JsonProperty("s1")
  S1,
  /** RobustDARTS S2: skip_connect and sep_conv_3x3 on every edge. */
  @JsonProperty("s2")
  S2,
  /** RobustDARTS S3: none, skip_connect and sep_conv_3x3 on every edge. */
  @JsonProperty("s3")
  S3,
  /** RobustDARTS S4: noise and sep_conv_3x3 on every edge. */
  @JsonProperty("s4")
  S4;

  /** The RobustDARTS spaces define their operations per edge of a 4-node cell. */
  public boolean requiresFourNodes() {
    return this != DARTS && this != DARTS_NO_NONE;
  }
}
