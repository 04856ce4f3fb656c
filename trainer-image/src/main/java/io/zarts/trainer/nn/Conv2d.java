package io.zarts.trainer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * A bias-free 2-D convolution, initialised as PyTorch does (kaiming-uniform with a = sqrt(5)). With
 * replicas, the copies' filters are stacked along the output axis and run as replicas times as many
 * groups.
 */
public final class Conv2d implements Op {

  private final NDArray weight;
  private final Shape stride;
  private final Shape padding;
  private final Shape dilation;
  private final int groups;

  public Conv2d(
      ParameterStore store,
      String name,
      int in,
      int out,
      int kernel,
      int stride,
      int padding,
      int dilation,
      int groups) {
    int fanIn = in / groups * kernel * kernel;
    this.weight =
        store.uniformWeight(
            name + ".weight",
            new Shape((long) store.replicas() * out, in / groups, kernel, kernel),
            1.0 / Math.sqrt(fanIn));
    this.stride = new Shape(stride, stride);
    this.padding = new Shape(padding, padding);
    this.dilation = new Shape(dilation, dilation);
    this.groups = groups * store.replicas();
  }

  @Override
  public NDArray forward(NDArray x, Forward pass) {
    return ai.djl.nn.convolutional.Conv2d.conv2d(x, weight, null, stride, padding, dilation, groups)
        .singletonOrThrow();
  }
}
