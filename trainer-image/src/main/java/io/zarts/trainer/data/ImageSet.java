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
    Augment augment) {

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

  /** The same images with another training augmentation. */
  public ImageSet withAugment(Augment other) {
    return new ImageSet(
        name, pixels, labels, channels, height, width, classes, normalization, other);
  }

  /** The images at the given indices, in that order, as a set of their own. */
  public ImageSet subset(String subsetName, int from, int to) {
    int bytes = imageBytes();
    byte[] p = Arrays.copyOfRange(pixels, from * bytes, to * bytes);
    int[] l = Arrays.copyOfRange(labels, from, to);
    return new ImageSet(subsetName, p, l, channels, height, width, classes, normalization, augment);
  }

  public int size() {
    return labels.length;
  }

  public int imageBytes() {
    return channels * height * width;
  }

  /**
   * The random augmentation a set's training batches get: none, a random crop (zero padding 4), or
   * a crop and a horizontal flip (not for sets whose classes a mirror image changes or confuses).
   */
  public enum Augment {
    NONE,
    CROP,
    CROP_AND_FLIP;

    public boolean crop() {
      return this != NONE;
    }

    public boolean flip() {
      return this == CROP_AND_FLIP;
    }
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
