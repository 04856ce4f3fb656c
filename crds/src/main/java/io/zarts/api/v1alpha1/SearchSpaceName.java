package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

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

  private static final List<String> DARTS_OPS =
      List.of(
          "max_pool_3x3",
          "avg_pool_3x3",
          "skip_connect",
          "sep_conv_3x3",
          "sep_conv_5x5",
          "dil_conv_3x3",
          "dil_conv_5x5");

  /**
   * The operations a derived cell of this space may use: every operation of the space but 'none',
   * which a genotype never keeps.
   */
  public List<String> genotypeOperations() {
    return switch (this) {
      case DARTS, DARTS_NO_NONE -> DARTS_OPS;
      case S1 ->
          List.of(
              "skip_connect",
              "dil_conv_3x3",
              "dil_conv_5x5",
              "sep_conv_3x3",
              "max_pool_3x3",
              "avg_pool_3x3");
      case S2, S3 -> List.of("skip_connect", "sep_conv_3x3");
      case S4 -> List.of("noise", "sep_conv_3x3");
    };
  }

  /** The RobustDARTS spaces define their operations per edge of a 4-node cell. */
  public boolean requiresFourNodes() {
    return this != DARTS && this != DARTS_NO_NONE;
  }
}
