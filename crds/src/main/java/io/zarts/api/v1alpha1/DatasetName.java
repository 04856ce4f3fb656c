package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Datasets the trainer can read. */
public enum DatasetName {
  /** CIFAR-10 binary version: data_batch_1..5.bin and test_batch.bin, 3073-byte records. */
  @JsonProperty("cifar10")
  CIFAR10(10),
  /**
   * CIFAR-100 binary version: train.bin and test.bin, 3074-byte records (coarse label, fine label,
   * pixels).
   */
  @JsonProperty("cifar100")
  CIFAR100(100),
  /** Street View House Numbers, 32x32 digits in the trainer's binary layout. */
  @JsonProperty("svhn")
  SVHN(10),
  /**
   * Fashion-MNIST: 28x28 grey images of clothes in 10 classes, the IDX files
   * train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and
   * t10k-labels-idx1-ubyte, gzipped (.gz) or not.
   */
  @JsonProperty("fashion-mnist")
  FASHION_MNIST(10),
  /** The UCI 8x8 hand-written digits (1,797 images), shipped with the trainer. */
  @JsonProperty("digits")
  DIGITS(10),
  /** Procedurally generated, seeded, class-dependent images; no files needed. */
  @JsonProperty("synthetic")
  SYNTHETIC(0);

  private final int classes;

  DatasetName(int classes) {
    this.classes = classes;
  }

  /** The number of classes, or 0 where it is configured (synthetic). */
  public int classes() {
    return classes;
  }

  /** Whether the dataset is read from files on a volume. */
  public boolean needsFiles() {
    return this == CIFAR10 || this == CIFAR100 || this == SVHN || this == FASHION_MNIST;
  }
}
