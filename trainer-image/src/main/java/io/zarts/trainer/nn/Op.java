package io.zarts.trainer.nn;

import ai.djl.ndarray.NDArray;

/** A layer: one input, one output. Parameters live in a {@link ParameterStore}. */
@FunctionalInterface
public interface Op {
  NDArray forward(NDArray x, Forward pass);
}
