package io.zarts.trainer.data;

import java.util.Arrays;

/**
 * Images kept as bytes (0..255, [N, C, H, W] row-major) with their labels: a quarter of the memory
 * of floats, and the whole of CIFAR-10's training set is 150 MB. Batches are converted to
 * normalised floats one at a time.
 */
public record ImageSet(
    String name,
    byte[] pixels,
    int[] labels,
    int channels,
    int height,
    int width,
    int classes,
    Normalization normalization,
    boolean augment) {

  public ImageSet {
    long expected = (long) labels.length * channels * height * width;
    if (pixels.length != expected) {
      throw new IllegalArgumentException(
          name
              + ": "
              + pixels.length
              + " pixel bytes for "
              + labels.length
              + " images of "
              + channels
              + "x"
              + height
              + "x"
              + width
              + " (expected "
              + expected
              + ")");
    }
  }

  public int size() {
    return labels.length;
  }

  public int imageBytes() {
    return channels * height * width;
  }

  /** Per-channel mean and standard deviation applied to pixel / 255. */
  public record Normalization(float[] mean, float[] std) {

    public static Normalization uniform(int channels, float mean, float std) {
      float[] m = new float[channels];
      float[] s = new float[channels];
      Arrays.fill(m, mean);
      Arrays.fill(s, std);
      return new Normalization(m, s);
    }
  }
}
