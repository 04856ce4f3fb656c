package io.zarts.trainer.nn;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;

/**
 * Whole-array repetition along one axis (DJL's PyTorch engine implements only the all-axes form of
 * tile).
 */
public final class Tiles {

  private Tiles() {}

  /** x repeated n times one after another along axis: [.., d, ..] to [.., n * d, ..]. */
  public static NDArray along(NDArray x, int axis, int n) {
    long[] repeats = new long[x.getShape().dimension()];
    Arrays.fill(repeats, 1);
    repeats[axis] = n;
    return x.tile(repeats);
  }
}
