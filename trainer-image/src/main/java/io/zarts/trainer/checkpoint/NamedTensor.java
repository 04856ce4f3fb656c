package io.zarts.trainer.checkpoint;

import java.util.Arrays;

/** A host copy of an array: its name, shape and float values. */
public record NamedTensor(String name, long[] shape, float[] values) {

  public NamedTensor {
    long size = 1;
    for (long d : shape) {
      size *= d;
    }
    if (size != values.length) {
      throw new IllegalArgumentException(
          name
              + ": shape "
              + Arrays.toString(shape)
              + " holds "
              + size
              + " values, not "
              + values.length);
    }
  }
}
