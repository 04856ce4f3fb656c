package io.zarts.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.zarts.trainer.util.Rng;
import org.junit.jupiter.api.Test;

/**
 * Batch norm behaves as PyTorch's: momentum 0.1, unbiased running variance, eps 1e-5, fixed
 * affine-free scale.
 */
class BatchNorm2dTest {

  @Test
  void runningStatisticsFollowPyTorch() {
    try (NDManager m = NDManager.newBaseManager()) {
      ParameterStore store = new ParameterStore(m, new Rng(0));
      BatchNorm2d bn = new BatchNorm2d(store, "bn", 1, false);
      float[] values = {1, 2, 3, 4, 5, 6, 7, 8};
      NDArray x = m.create(values, new Shape(2, 1, 2, 2));
      NDArray y = bn.forward(x, Forward.train(null));
      double mean = 4.5;
      double biased = 0;
      for (float v : values) {
        biased += (v - mean) * (v - mean);
      }
      double unbiased = biased / 7;
      biased /= 8;
      // Output uses the biased batch variance; the running variance the unbiased one.
      assertThat(y.getFloat(0, 0, 0, 0))
          .isCloseTo((float) ((1 - mean) / Math.sqrt(biased + 1e-5)), offset(1e-5f));
      NDArray runningMean = store.buffers().get(0).array();
      NDArray runningVar = store.buffers().get(1).array();
      assertThat(runningMean.getFloat(0)).isCloseTo((float) (0.1 * mean), offset(1e-6f));
      assertThat(runningVar.getFloat(0)).isCloseTo((float) (0.9 + 0.1 * unbiased), offset(1e-5f));
      assertThat(store.weightCount()).isZero();
    }
  }
}
