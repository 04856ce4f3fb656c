package io.zarts.trainer.alpha;

import io.zarts.api.v1alpha1.OptimizerSpec;
import io.zarts.trainer.model.Alphas;

/** Picks the strategy named by optimizer.algorithm. */
public final class AlphaStrategies {

  private AlphaStrategies() {}

  public static AlphaStrategy create(OptimizerSpec spec, Alphas alphas) {
    return switch (spec.getAlgorithm()) {
      case DARTS -> new DartsFirstOrder(alphas, spec.getDarts());
      case MGS, RS, GLD -> throw new UnsupportedStrategyException(spec.getAlgorithm().name().toLowerCase()
          + " is not implemented in this build yet; use optimizer.algorithm: darts");
    };
  }

  /** The resource asks for a strategy this trainer does not have. */
  public static final class UnsupportedStrategyException extends IllegalArgumentException {
    public UnsupportedStrategyException(String message) {
      super(message);
    }
  }
}
