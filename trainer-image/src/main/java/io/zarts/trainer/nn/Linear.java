package io.zarts.trainer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * A fully connected layer with bias, initialised as PyTorch's nn.Linear. With replicas the input is
 * [B, replicas * in] (copy i's features in block i), the weights [replicas * out, in], and the
 * output [B, replicas, out]: a grouped 1x1 convolution.
 */
public final class Linear implements Op {

  private final NDArray weight;
  private final NDArray bias;
  private final int replicas;
  private final int in;
  private final int out;

  public Linear(ParameterStore store, String name, int in, int out) {
    double bound = 1.0 / Math.sqrt(in);
    this.replicas = store.replicas();
    this.in = in;
    this.out = out;
    this.weight =
        store.uniformWeight(name + ".weight", new Shape((long) replicas * out, in), bound);
    this.bias = store.uniformWeight(name + ".bias", new Shape((long) replicas * out), bound);
  }

  @Override
  public NDArray forward(NDArray x, Forward pass) {
    if (replicas == 1) {
      return ai.djl.nn.core.Linear.linear(x, weight, bias).singletonOrThrow();
    }
    long batch = x.getShape().get(0);
    NDArray y =
        ai.djl.nn.convolutional.Conv2d.conv2d(
                x.reshape(batch, (long) replicas * in, 1, 1),
                weight.reshape((long) replicas * out, in, 1, 1),
                bias,
                new Shape(1, 1),
                new Shape(0, 0),
                new Shape(1, 1),
                replicas)
            .singletonOrThrow();
    return y.reshape(batch, replicas, out);
  }
}
