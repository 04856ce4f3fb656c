package io.zarts.trainer.nn;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * Weights that require no gradient until closed: a backward pass then computes the gradients of the
 * other leaves only (the alphas'), as the reference's torch.autograd.grad(loss, alphas) does,
 * instead of filling every weight's gradient as well. Their existing gradients stay as they are.
 */
public final class FrozenWeights implements AutoCloseable {

  private final List<NDArray> weights;

  private FrozenWeights(List<NDArray> weights) {
    this.weights = weights;
  }

  public static FrozenWeights freeze(List<NDArray> weights) {
    weights.forEach(w -> w.setRequiresGradient(false));
    return new FrozenWeights(weights);
  }

  @Override
  public void close() {
    weights.forEach(w -> w.setRequiresGradient(true));
  }
}
