package io.zarts.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.zarts.trainer.data.ImageSet.Augment;
import io.zarts.trainer.util.Rng;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchStreamTest {

  @Test
  void aPassVisitsEveryImageOnceAndDropsATrailingSingleton() {
    byte[] pixels = new byte[11 * 4];
    int[] labels = new int[11];
    for (int i = 0; i < 11; i++) {
      labels[i] = i;
    }
    ImageSet set =
        new ImageSet(
            "t",
            pixels,
            labels,
            1,
            2,
            2,
            11,
            ImageSet.Normalization.uniform(1, 0, 1),
            Augment.NONE);
    int[] indices = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    BatchStream stream = new BatchStream(set, indices, 3, new Rng(1));
    assertThat(stream.batchesPerPass()).isEqualTo(3); // 3 + 3 + 3, the last single image dropped
    try (NDManager m = NDManager.newBaseManager()) {
      stream.newPass();
      Set<Integer> seen = new HashSet<>();
      for (int b = 0; b < 3; b++) {
        for (int l : stream.next(m).labels().toIntArray()) {
          seen.add(l);
        }
      }
      assertThat(seen).hasSize(9).doesNotContain(10);
    }
  }

  @Test
  void normalisationAndCropPaddingFollowTorchvision() {
    byte[] pixels = new byte[4];
    Arrays.fill(pixels, (byte) 255);
    ImageSet set =
        new ImageSet(
            "t",
            pixels,
            new int[] {0},
            1,
            2,
            2,
            1,
            ImageSet.Normalization.uniform(1, 0.5f, 0.25f),
            Augment.CROP_AND_FLIP);
    BatchStream eval = BatchStream.inOrder(set, new int[] {0, 0}, 2);
    try (NDManager m = NDManager.newBaseManager()) {
      eval.newPass();
      // In order, no augmentation: (1 - 0.5) / 0.25 = 2 everywhere.
      assertThat(eval.next(m).images().toFloatArray()).containsOnly(2f);
      // Augmented: a 2x2 image cropped from a 4-pixel zero padding is partly padding ((0 - 0.5) /
      // 0.25 = -2).
      BatchStream train = new BatchStream(set, new int[] {0, 0}, 2, new Rng(3));
      boolean sawPadding = false;
      for (int i = 0; i < 20 && !sawPadding; i++) {
        float[] v = train.next(m).images().toFloatArray();
        for (float f : v) {
          assertThat(f).isIn(2f, -2f);
          sawPadding |= f == -2f;
        }
      }
      assertThat(sawPadding).isTrue();
    }
  }
}
