package io.zarts.trainer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Copies into an existing array's storage. DJL's {@code set(Buffer)} and {@code copyTo} give the
 * target new storage on the PyTorch engine (and go through host memory), which would cut a packed
 * array loose from its flat array; an indexed assignment over the whole array writes the storage it
 * has, on the device, in one operation.
 */
public final class InPlace {

  private InPlace() {}

  /** target[...] = source (same shape). */
  public static void copy(NDArray source, NDArray target) {
    if (JniUtils.isGradMode()) {
      // recorded by autograd it would fail on a weight, or turn a packed array into a non-leaf
      throw new IllegalStateException("in-place copies run outside a gradient collector");
    }
    if (!source.getShape().equals(target.getShape())) {
      throw new IllegalArgumentException(
          "cannot copy an array of shape "
              + source.getShape()
              + " into one of shape "
              + target.getShape());
    }
    if (source.getDevice().equals(target.getDevice())) {
      target.set(new NDIndex().addAllDim(), source);
      return;
    }
    // a replica refreshed from the primary GPU: one device-to-device copy, freed at once
    try (NDArray moved = source.toDevice(target.getDevice(), false)) {
      target.set(new NDIndex().addAllDim(), moved);
    }
  }

  /** target[...] = values (row-major, as many as target holds). */
  public static void copy(float[] values, NDArray target) {
    try (NDArray source = target.getManager().create(values, target.getShape())) {
      copy(source, target);
    }
  }
}
