package io.zarts.trainer.alpha;

import io.zarts.api.v1alpha1.OptimizerSpec;
import io.zarts.trainer.model.Alphas;
import io.zarts.trainer.util.Rng;

/** Picks the strategy named by optimizer.algorithm. */
public final class AlphaStrategies {

  private AlphaStrategies() {}

  public static AlphaStrategy create(OptimizerSpec spec, Alphas alphas, int epochs, Rng rng) {
    return switch (spec.getAlgorithm()) {
      case DARTS -> new DartsFirstOrder(alphas, spec.getDarts());
      case MGS, RS, GLD -> new ZeroOrderStrategy(spec, epochs, rng);
    };
  }
}
