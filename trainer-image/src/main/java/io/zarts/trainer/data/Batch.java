package io.zarts.trainer.data;

import ai.djl.ndarray.NDArray;

/** Images [B, C, H, W] (normalised floats) and class labels [B]. */
public record Batch(NDArray images, NDArray labels) {

  public int size() {
    return Math.toIntExact(labels.getShape().get(0));
  }
}
