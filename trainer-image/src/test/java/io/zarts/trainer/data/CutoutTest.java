package io.zarts.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.zarts.trainer.data.ImageSet.Augment;
import io.zarts.trainer.util.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Cutout as the DARTS reference applies it, after normalisation: a square of side `cutout` centred
 * on a uniformly drawn pixel, clipped at the borders, set to 0 on every channel; one per image.
 */
class CutoutTest {

  static final int SIDE = 8;
  static final int CUTOUT = 4;
  static final int IMAGES = 64;

  @Test
  void eachImageLosesOneClippedSquareOnEveryChannel() {
    byte[] pixels = new byte[IMAGES * 2 * SIDE * SIDE];
    Arrays.fill(pixels, (byte) 255);
    ImageSet set =
        new ImageSet(
            "white",
            pixels,
            new int[IMAGES],
            2,
            SIDE,
            SIDE,
            1,
            ImageSet.Normalization.uniform(2, 0, 1),
            Augment.NONE);
    int[] indices = new int[IMAGES];
    Arrays.setAll(indices, i -> i);
    BatchStream stream = BatchStream.withCutout(set, indices, IMAGES, new Rng(7), CUTOUT);
    int fullSquares = 0;
    try (NDManager m = NDManager.newBaseManager()) {
      stream.newPass();
      float[] batch = stream.next(m).images().toFloatArray();
      for (int i = 0; i < IMAGES; i++) {
        int offset = i * 2 * SIDE * SIDE;
        boolean[][] zero = new boolean[SIDE][SIDE];
        int top = SIDE;
        int bottom = -1;
        int left = SIDE;
        int right = -1;
        for (int y = 0; y < SIDE; y++) {
          for (int x = 0; x < SIDE; x++) {
            float first = batch[offset + y * SIDE + x];
            float second = batch[offset + (SIDE + y) * SIDE + x];
            assertThat(second).as("both channels cut alike").isEqualTo(first);
            assertThat(first).isIn(0f, 1f);
            zero[y][x] = first == 0f;
            if (zero[y][x]) {
              top = Math.min(top, y);
              bottom = Math.max(bottom, y);
              left = Math.min(left, x);
              right = Math.max(right, x);
            }
          }
        }
        assertThat(bottom).as("image %d has a cut-out square", i).isGreaterThanOrEqualTo(0);
        int height = bottom - top + 1;
        int width = right - left + 1;
        assertThat(height).isBetween(CUTOUT / 2, CUTOUT);
        assertThat(width).isBetween(CUTOUT / 2, CUTOUT);
        for (int y = top; y <= bottom; y++) {
          for (int x = left; x <= right; x++) {
            assertThat(zero[y][x]).as("the cut is one solid rectangle").isTrue();
          }
        }
        long zeros = Arrays.stream(zero).mapToLong(r -> countTrue(r)).sum();
        assertThat(zeros).isEqualTo((long) height * width);
        // Only a square touching a border is clipped.
        if (top > 0 && left > 0 && bottom < SIDE - 1 && right < SIDE - 1) {
          assertThat(height).isEqualTo(CUTOUT);
          assertThat(width).isEqualTo(CUTOUT);
        }
        if (height == CUTOUT && width == CUTOUT) {
          fullSquares++;
        }
      }
    }
    assertThat(fullSquares).as("most centres are far enough from the borders").isPositive();
  }

  private static long countTrue(boolean[] row) {
    long n = 0;
    for (boolean b : row) {
      n += b ? 1 : 0;
    }
    return n;
  }
}
