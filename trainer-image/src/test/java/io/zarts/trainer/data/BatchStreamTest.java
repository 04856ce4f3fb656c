package io.zarts.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

  static ImageSet labelled(int n) {
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i;
    }
    return new ImageSet(
        "t",
        new byte[n * 4],
        labels,
        1,
        2,
        2,
        n,
        ImageSet.Normalization.uniform(1, 0, 1),
        Augment.NONE);
  }

  /**
   * Failed before: a larger split read past the saved permutation (ArrayIndexOutOfBounds), a
   * smaller one trained on the saved permutation's images, validation images among them.
   */
  @Test
  void aPositionSavedOverAnotherSplitIsRefusedAndChangesNothing() {
    ImageSet set = labelled(20);
    BatchStream saved = new BatchStream(set, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, 4, new Rng(1));
    try (NDManager m = NDManager.newBaseManager()) {
      saved.next(m);
      BatchStream.State state = saved.state();
      BatchStream larger =
          new BatchStream(set, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 4, new Rng(1));
      assertThatThrownBy(() -> larger.restore(state))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("holds 8 images, this search's 12");
      BatchStream smaller = new BatchStream(set, new int[] {0, 1, 2, 3}, 4, new Rng(1));
      assertThatThrownBy(() -> smaller.restore(state)).isInstanceOf(IllegalStateException.class);
      BatchStream shifted = new BatchStream(set, new int[] {2, 3, 4, 5, 6, 7, 8, 9}, 4, new Rng(1));
      assertThatThrownBy(() -> shifted.restore(state))
          .hasMessageContaining("holds 8 images, this search's 8 other ones");
      // Nothing changed: the refused stream starts its own first pass.
      int[] labels = larger.next(m).labels().toIntArray();
      assertThat(Arrays.stream(labels).max().orElseThrow()).isLessThan(12);
      BatchStream same = new BatchStream(set, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, 4, new Rng(1));
      same.restore(state);
      assertThat(same.next(m).labels().toIntArray()).isEqualTo(saved.next(m).labels().toIntArray());
    }
  }
}
