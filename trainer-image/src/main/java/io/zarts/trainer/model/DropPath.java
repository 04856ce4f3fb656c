package io.zarts.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.zarts.trainer.util.Rng;

/**
 * Drop path as DARTS trains its evaluation networks: during training, each sample's output of an
 * operation is zeroed with probability p and the survivors are scaled by 1 / (1 - p). The masks
 * come from a seeded generator, so a run and its resumption draw the same ones.
 */
public final class DropPath {

  private DropPath() {}

  public static NDArray apply(NDArray x, double probability, Rng rng) {
    if (probability <= 0) {
      return x;
    }
    double keep = 1 - probability;
    int batch = Math.toIntExact(x.getShape().get(0));
    float[] mask = new float[batch];
    for (int i = 0; i < batch; i++) {
      mask[i] = rng.nextDouble() < keep ? (float) (1 / keep) : 0f;
    }
    NDArray m =
        x.getManager().create(mask, new Shape(batch, 1, 1, 1)).toDevice(x.getDevice(), false);
    return x.mul(m);
  }
}
