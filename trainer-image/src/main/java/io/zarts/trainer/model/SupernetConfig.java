package io.zarts.trainer.model;

import io.zarts.trainer.space.SearchSpace;

/**
 * The shape of a search network: initial channels C, cells, nodes per cell, classes, input channels
 * and size. The stem has 3C channels as in DARTS.
 */
public record SupernetConfig(
    SearchSpace space, int channels, int layers, int classes, int inputChannels, int imageSize) {

  public static final int STEM_MULTIPLIER = 3;

  public SupernetConfig {
    if (channels < 2 || channels % 2 != 0) {
      throw new IllegalArgumentException(
          "initChannels must be even and at least 2, got " + channels);
    }
    if (layers < 1) {
      throw new IllegalArgumentException("layers must be at least 1, got " + layers);
    }
    int reductions = reductionCount(layers);
    if (imageSize % (1 << reductions) != 0 || imageSize >> reductions < 1) {
      throw new IllegalArgumentException(
          "image size "
              + imageSize
              + " must be divisible by 2^"
              + reductions
              + " (one halving per reduction cell) for "
              + layers
              + " layers");
    }
  }

  /** Whether cell i is a reduction cell: DARTS puts them at layers/3 and 2*layers/3. */
  public boolean isReduction(int cell) {
    return cell == layers / 3 || cell == 2 * layers / 3;
  }

  static int reductionCount(int layers) {
    return layers / 3 == 2 * layers / 3 ? 1 : 2;
  }
}
