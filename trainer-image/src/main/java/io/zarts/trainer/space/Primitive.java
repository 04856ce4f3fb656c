package io.zarts.trainer.space;

import java.util.Arrays;

/**
 * The candidate operations of the DARTS and RobustDARTS search spaces, named as in the reference
 * code.
 */
public enum Primitive {
  NONE("none"),
  MAX_POOL_3X3("max_pool_3x3"),
  AVG_POOL_3X3("avg_pool_3x3"),
  SKIP_CONNECT("skip_connect"),
  SEP_CONV_3X3("sep_conv_3x3"),
  SEP_CONV_5X5("sep_conv_5x5"),
  DIL_CONV_3X3("dil_conv_3x3"),
  DIL_CONV_5X5("dil_conv_5x5"),
  /** RobustDARTS S4: N(0, 1) noise of the input's (subsampled) shape. */
  NOISE("noise");

  private final String opName;

  Primitive(String opName) {
    this.opName = opName;
  }

  /** The name used in genotypes, e.g. sep_conv_3x3. */
  public String opName() {
    return opName;
  }

  /** Looks a primitive up by its genotype name. */
  public static Primitive byName(String name) {
    return Arrays.stream(values())
        .filter(p -> p.opName.equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown operation '"
                        + name
                        + "'; known: "
                        + Arrays.stream(values()).map(Primitive::opName).toList()));
  }
}
