package io.zarts.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.zarts.trainer.util.Rng;
import org.junit.jupiter.api.Test;

/** Drop path zeroes whole samples with probability p and scales the rest by 1/(1-p). */
class DropPathTest {

  static final int BATCH = 4000;

  /** One operation's drop path: a pass of one mask. */
  static NDArray dropPath(NDArray x, double probability, Rng rng) {
    return DropPath.Masks.draw(
            x.getManager(),
            x.getDevice(),
            rng,
            probability,
            1,
            Math.toIntExact(x.getShape().get(0)))
        .apply(x);
  }

  @Test
  void wholeSamplesAreDroppedAtTheRateAndSurvivorsRescaled() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.ones(new Shape(BATCH, 2, 3, 3));
      float[] out = dropPath(x, 0.2, new Rng(5)).toFloatArray();
      int dropped = 0;
      for (int i = 0; i < BATCH; i++) {
        float first = out[i * 18];
        for (int j = 1; j < 18; j++) {
          assertThat(out[i * 18 + j]).as("one decision per sample").isEqualTo(first);
        }
        if (first == 0f) {
          dropped++;
        } else {
          assertThat(first).isCloseTo(1.25f, within(1e-6f));
        }
      }
      // 800 expected; four standard deviations (25) either way.
      assertThat(dropped).isBetween(700, 900);
    }
  }

  @Test
  void theSameSeedDrawsTheSameMasks() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.ones(new Shape(64, 1, 2, 2));
      float[] a = dropPath(x, 0.5, new Rng(9)).toFloatArray();
      float[] b = dropPath(x, 0.5, new Rng(9)).toFloatArray();
      assertThat(a).containsExactly(b);
    }
  }

  /** A pass's masks drawn at once are the ones its operations would draw one after another. */
  @Test
  void thePassesMasksDrawnAtOnceEqualOnePerOperation() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.ones(new Shape(16, 2, 2, 2));
      Rng oneByOne = new Rng(3);
      DropPath.Masks masks = DropPath.Masks.draw(m, x.getDevice(), new Rng(3), 0.3, 3, 16);
      for (int op = 0; op < 3; op++) {
        assertThat(masks.apply(x).toFloatArray())
            .as("operation %d", op)
            .containsExactly(dropPath(x, 0.3, oneByOne).toFloatArray());
      }
    }
  }
}
