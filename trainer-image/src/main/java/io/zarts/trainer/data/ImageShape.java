package io.zarts.trainer.data;

import io.zarts.api.v1alpha1.DatasetSpec;
import io.zarts.api.v1alpha1.SyntheticDataSpec;

/** A dataset's image shape and classes, known without reading its files. */
public record ImageShape(int channels, int height, int width, int classes) {

  public static ImageShape of(DatasetSpec spec) {
    return switch (spec.getName()) {
      case CIFAR10, SVHN -> new ImageShape(3, 32, 32, 10);
      case CIFAR100 -> new ImageShape(3, 32, 32, 100);
      case FASHION_MNIST -> new ImageShape(1, 28, 28, 10);
      case DIGITS -> new ImageShape(1, 8, 8, 10);
      case SYNTHETIC -> {
        SyntheticDataSpec s =
            spec.getSynthetic() == null ? new SyntheticDataSpec() : spec.getSynthetic();
        yield new ImageShape(s.getChannels(), s.getImageSize(), s.getImageSize(), s.getClasses());
      }
    };
  }
}
