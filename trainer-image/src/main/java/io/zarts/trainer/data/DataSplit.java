package io.zarts.trainer.data;

/**
 * The split of the training images as DARTS and ZARTS make it: the first floor(portion * n) images
 * train the weights, the rest are the validation half that scores architectures (an unshuffled
 * index split).
 */
public record DataSplit(int[] train, int[] valid) {

  public static DataSplit of(int size, double trainPortion) {
    int split = (int) Math.floor(trainPortion * size);
    if (split < 2 || size - split < 2) {
      throw new IllegalArgumentException(
          "dataset of "
              + size
              + " images split at "
              + trainPortion
              + " leaves fewer than 2 images in a half; use more samples");
    }
    int[] train = new int[split];
    int[] valid = new int[size - split];
    for (int i = 0; i < size; i++) {
      if (i < split) {
        train[i] = i;
      } else {
        valid[i - split] = i;
      }
    }
    return new DataSplit(train, valid);
  }
}
