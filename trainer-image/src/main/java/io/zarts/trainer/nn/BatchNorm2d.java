package io.zarts.trainer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.BatchNorm;

/**
 * Batch normalisation over channels with PyTorch's settings: eps 1e-5, momentum 0.1 (DJL counts
 * momentum the other way round, so it is given 0.9), unbiased running variance. Affine-free in the
 * search cells. Statistics are per channel, so stacked replicas each get their own.
 */
public final class BatchNorm2d implements Op {

  /** DJL's momentum is 1 - PyTorch's: this is PyTorch's 0.1. */
  private static final float DJL_MOMENTUM = 0.9f;

  private static final float EPS = 1e-5f;

  private final NDArray gamma;
  private final NDArray beta;
  private final NDArray runningMean;
  private final NDArray runningVar;

  public BatchNorm2d(ParameterStore store, String name, int channels, boolean affine) {
    int stacked = channels * store.replicas();
    Shape shape = new Shape(stacked);
    if (affine) {
      this.gamma = store.constantWeight(name + ".weight", shape, 1f);
      this.beta = store.constantWeight(name + ".bias", shape, 0f);
    } else {
      this.gamma = store.constant(stacked, 1f);
      this.beta = store.constant(stacked, 0f);
    }
    this.runningMean = store.buffer(name + ".running_mean", shape, 0f);
    this.runningVar = store.buffer(name + ".running_var", shape, 1f);
  }

  @Override
  public NDArray forward(NDArray x, Forward pass) {
    return BatchNorm.batchNorm(
            x, runningMean, runningVar, gamma, beta, 1, DJL_MOMENTUM, EPS, pass.training())
        .singletonOrThrow();
  }
}
