package io.zarts.trainer.evaluate;

import io.zarts.api.v1alpha1.DatasetName;
import java.util.ArrayList;
import java.util.List;

/** Readable names of a dataset's classes, in label order, for the model card and predictions. */
final class ClassNames {

  private static final List<String> CIFAR10 =
      List.of(
          "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
  private static final List<String> FASHION_MNIST =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  private ClassNames() {}

  static List<String> of(DatasetName dataset, int classes) {
    return switch (dataset) {
      case CIFAR10 -> CIFAR10;
      case FASHION_MNIST -> FASHION_MNIST;
      case SVHN, DIGITS -> numbered("", classes);
      case CIFAR100 -> numbered("fine-label-", classes);
      case SYNTHETIC -> numbered("class-", classes);
    };
  }

  private static List<String> numbered(String prefix, int classes) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < classes; i++) {
      names.add(prefix + i);
    }
    return names;
  }
}
