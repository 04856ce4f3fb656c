package io.zarts.trainer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** A fully connected layer with bias, initialised as PyTorch's nn.Linear. */
public final class Linear implements Op {

  private final NDArray weight;
  private final NDArray bias;

  public Linear(ParameterStore store, String name, int in, int out) {
    double bound = 1.0 / Math.sqrt(in);
    this.weight = store.uniformWeight(name + ".weight", new Shape(out, in), bound);
    this.bias = store.uniformWeight(name + ".bias", new Shape(out), bound);
  }

  @Override
  public NDArray forward(NDArray x, Forward pass) {
    return ai.djl.nn.core.Linear.linear(x, weight, bias).singletonOrThrow();
  }
}
