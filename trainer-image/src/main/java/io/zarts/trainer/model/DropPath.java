package io.zarts.trainer.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.zarts.trainer.util.Rng;

/**
 * Drop path as DARTS trains its evaluation networks: during training, each sample's output of an
 * operation is zeroed with probability p and the survivors are scaled by 1 / (1 - p). The masks
 * come from a seeded generator, so a run and its resumption draw the same ones.
 */
public final class DropPath {

  private DropPath() {}

  /**
   * The masks of one training pass: drawn on the host in one array, in the order the pass's
   * operations take them (operation by operation, sample by sample), and copied to the device once;
   * the i-th call of {@link #apply} uses row i. One copy per step instead of one per operation
   * (about 150 for DARTS_V2's 20 cells), and the same values as drawing them one by one.
   */
  public static final class Masks {

    private final NDArray rows;
    private int next;

    private Masks(NDArray rows) {
      this.rows = rows;
    }

    public static Masks draw(
        NDManager manager, Device device, Rng rng, double probability, int count, int batch) {
      double keep = 1 - probability;
      float[] values = new float[count * batch];
      for (int i = 0; i < values.length; i++) {
        values[i] = rng.nextDouble() < keep ? (float) (1 / keep) : 0f;
      }
      NDArray host = manager.create(values, new Shape(count, batch, 1, 1, 1));
      NDArray onDevice = host.toDevice(device, false);
      if (onDevice != host) {
        host.close();
      }
      return new Masks(onDevice);
    }

    /**
     * x with the next operation's mask applied. The masks live on the manager they were drawn on
     * (the step's scope): the backward pass still reads them.
     */
    public NDArray apply(NDArray x) {
      return x.mul(rows.get(next++));
    }
  }
}
