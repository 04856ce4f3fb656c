package io.zarts.trainer.nn;

import io.zarts.trainer.util.Rng;

/**
 * Per-pass settings: batch-norm mode, and the generator of ops that draw noise (RobustDARTS S4).
 */
public record Forward(boolean training, Rng noise) {

  public static Forward train(Rng noise) {
    return new Forward(true, noise);
  }

  public static Forward eval(Rng noise) {
    return new Forward(false, noise);
  }
}
