package io.zarts.trainer.model;

/**
 * The shape of a derived cell's evaluation network: initial channels C, number of cells, classes,
 * input channels and image size, and whether it has the auxiliary head.
 */
public record EvalConfig(
    int channels, int layers, int classes, int inputChannels, int imageSize, boolean auxiliary) {

  /** The stem has three times the initial channels, as in DARTS. */
  public static final int STEM_MULTIPLIER = 3;

  public EvalConfig {
    if (layers < 3) {
      throw new IllegalArgumentException(
          "spec.evaluation.layers: "
              + layers
              + " cells leave no room for two reductions; use 3 or more");
    }
    if (channels < 2 || channels % 2 != 0) {
      throw new IllegalArgumentException(
          "spec.evaluation.initChannels: "
              + channels
              + " must be even (factorized reductions halve it)");
    }
  }

  /** Reduction cells sit at layers/3 and 2*layers/3. */
  public boolean isReduction(int cell) {
    return cell == layers / 3 || cell == 2 * layers / 3;
  }

  /** The cell after which the auxiliary head reads its input (the second reduction). */
  public int auxiliaryCell() {
    return 2 * layers / 3;
  }
}
