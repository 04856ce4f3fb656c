package io.zarts.trainer.nn;

import io.zarts.trainer.util.Rng;

/**
 * Per-pass settings: batch-norm mode, the generator of ops that draw noise (RobustDARTS S4's noise
 * op), and the generator of drop path's masks (the evaluation network only; null in the search).
 */
public record Forward(boolean training, Rng noise, Rng dropPath) {

  /** A search pass in train mode. */
  public static Forward train(Rng noise) {
    return new Forward(true, noise, null);
  }

  /** A search pass in eval mode. */
  public static Forward eval(Rng noise) {
    return new Forward(false, noise, null);
  }

  /**
   * An evaluation network's pass: one generator draws both its noise and its drop-path masks, as
   * the evaluation's checkpoints record one generator state.
   */
  public static Forward evaluation(boolean training, Rng generator) {
    return new Forward(training, generator, generator);
  }
}
