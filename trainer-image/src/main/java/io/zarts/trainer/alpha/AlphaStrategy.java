package io.zarts.trainer.alpha;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;

/**
 * How the architecture parameters move: called every optimizer.updateEvery weight steps after the
 * warm-up, inside the step's scope. Implementations must leave the network weights, the batch-norm
 * statistics and the weight optimizer exactly as they found them; only the alphas change.
 */
public interface AlphaStrategy {

  /** Moves the alphas in place and reports what it did. */
  AlphaUpdate update(AlphaUpdateContext context);

  /** Long-lived arrays the strategy owns (optimizer moments), to be attached to each step scope. */
  List<NDArray> state();

  /** Scalars and generator states the strategy needs to resume exactly (checkpointed). */
  default Map<String, long[]> counters() {
    return Map.of();
  }

  /** Restores what {@link #counters()} returned. */
  default void restoreCounters(Map<String, long[]> counters) {}
}
