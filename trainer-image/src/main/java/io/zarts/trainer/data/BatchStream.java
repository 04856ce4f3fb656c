package io.zarts.trainer.data;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.zarts.trainer.util.Rng;
import java.util.Arrays;

/**
 * Mini-batches over some of a set's images, reshuffled at every pass like a PyTorch
 * SubsetRandomSampler, with random-crop (padding 4) and horizontal-flip augmentation where the set
 * asks for it. Endless: after the last batch of a pass a new permutation starts. A trailing batch
 * of one image is dropped (batch norm needs two).
 */
public final class BatchStream {

  private static final int CROP_PADDING = 4;

  private final ImageSet set;
  private final int[] indices;
  private final int batchSize;
  private final Rng rng;
  private final boolean random;
  private final int cutout;
  private int[] order;
  private int position;

  /** A shuffled, augmented stream for training and for scoring architectures. */
  public BatchStream(ImageSet set, int[] indices, int batchSize, Rng rng) {
    this(set, indices, batchSize, rng, true, 0);
  }

  private BatchStream(
      ImageSet set, int[] indices, int batchSize, Rng rng, boolean random, int cutout) {
    this.set = set;
    this.indices = indices.clone();
    this.batchSize = batchSize;
    this.rng = rng;
    this.random = random;
    this.cutout = cutout;
    this.position = indices.length;
  }

  /**
   * A shuffled, augmented stream that also cuts out a square of cutout x cutout pixels per image
   * (set to zero after normalisation, centred anywhere in the image, clipped at its borders), as
   * DARTS trains its evaluation networks; 0 cuts nothing.
   */
  public static BatchStream withCutout(
      ImageSet set, int[] indices, int batchSize, Rng rng, int cutout) {
    return new BatchStream(set, indices, batchSize, rng, true, cutout);
  }

  /** The images in index order, without augmentation: for evaluation. */
  public static BatchStream inOrder(ImageSet set, int[] indices, int batchSize) {
    return new BatchStream(set, indices, batchSize, null, false, 0);
  }

  /** Batches in one pass over the indices. */
  public int batchesPerPass() {
    int full = indices.length / batchSize;
    int rest = indices.length % batchSize;
    return full + (rest >= 2 ? 1 : 0);
  }

  /** Starts a new pass (a new permutation) now. */
  public void newPass() {
    position = 0;
    if (!random) {
      order = indices;
      return;
    }
    int[] permutation = rng.permutation(indices.length);
    order = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      order[i] = indices[permutation[i]];
    }
  }

  /** The next batch, its arrays created on manager. */
  public Batch next(NDManager manager) {
    if (position >= indices.length || indices.length - position < 2) {
      newPass();
    }
    int b = Math.min(batchSize, indices.length - position);
    int c = set.channels();
    int h = set.height();
    int w = set.width();
    float[] images = new float[b * c * h * w];
    int[] labels = new int[b];
    for (int i = 0; i < b; i++) {
      int index = order[position + i];
      labels[i] = set.labels()[index];
      copyImage(index, images, i * c * h * w);
    }
    position += b;
    return new Batch(
        manager.create(images, new Shape(b, c, h, w)), manager.create(labels, new Shape(b)));
  }

  private void copyImage(int index, float[] out, int offset) {
    int c = set.channels();
    int h = set.height();
    int w = set.width();
    int top = 0;
    int left = 0;
    boolean flip = false;
    if (random && set.augment().crop()) {
      top = rng.nextInt(2 * CROP_PADDING + 1) - CROP_PADDING;
      left = rng.nextInt(2 * CROP_PADDING + 1) - CROP_PADDING;
      if (set.augment().flip()) {
        flip = rng.nextDouble() < 0.5;
      }
    }
    byte[] pixels = set.pixels();
    int base = index * set.imageBytes();
    float[] mean = set.normalization().mean();
    float[] std = set.normalization().std();
    for (int ch = 0; ch < c; ch++) {
      float m = mean[ch];
      float s = std[ch];
      for (int y = 0; y < h; y++) {
        int sy = y + top;
        for (int x = 0; x < w; x++) {
          int sx = (flip ? w - 1 - x : x) + left;
          int value =
              sy < 0 || sy >= h || sx < 0 || sx >= w
                  ? 0
                  : pixels[base + (ch * h + sy) * w + sx] & 0xFF;
          out[offset + (ch * h + y) * w + x] = (value / 255f - m) / s;
        }
      }
    }
    if (random && cutout > 0) {
      cutOut(out, offset, c, h, w);
    }
  }

  private void cutOut(float[] out, int offset, int c, int h, int w) {
    int cy = rng.nextInt(h);
    int cx = rng.nextInt(w);
    int y0 = Math.max(0, cy - cutout / 2);
    int y1 = Math.min(h, cy + cutout / 2);
    int x0 = Math.max(0, cx - cutout / 2);
    int x1 = Math.min(w, cx + cutout / 2);
    for (int ch = 0; ch < c; ch++) {
      for (int y = y0; y < y1; y++) {
        for (int x = x0; x < x1; x++) {
          out[offset + (ch * h + y) * w + x] = 0f;
        }
      }
    }
  }

  /** The stream's position: generator state, current permutation and index in it. */
  public record State(long[] rng, int[] order, int position) {}

  public State state() {
    return new State(
        rng == null ? null : rng.state(), order == null ? null : order.clone(), position);
  }

  /**
   * Puts a saved position back. The saved permutation must be one of this stream's own images:
   * another data split (a larger one would read past it, a smaller one would train on images that
   * now belong to validation) is refused with IllegalStateException before anything changes.
   */
  public void restore(State state) {
    if (state.order() != null) {
      int[] saved = state.order().clone();
      int[] own = indices.clone();
      Arrays.sort(saved);
      Arrays.sort(own);
      if (!Arrays.equals(saved, own)) {
        throw new IllegalStateException(
            "its data stream holds "
                + saved.length
                + " images, this search's "
                + own.length
                + (saved.length == own.length ? " other ones" : "")
                + " (another data split: spec.dataset.trainPortion, maxSamples or the dataset"
                + " changed)");
      }
    }
    if (state.position() < 0 || state.position() > indices.length) {
      throw new IllegalStateException(
          "its data stream stands at image "
              + state.position()
              + " of a pass over "
              + indices.length);
    }
    if (rng != null && state.rng() != null) {
      rng.restore(state.rng());
    }
    order = state.order() == null ? null : state.order().clone();
    position = state.position();
  }
}
