package io.zarts.trainer.data;

import io.zarts.api.v1alpha1.DatasetSpec;
import io.zarts.api.v1alpha1.SyntheticDataSpec;
import io.zarts.trainer.data.ImageSet.Augment;
import java.nio.file.Path;

/**
 * What a derived cell is retrained on and scored on: every training image (no search split), with
 * random crops (and flips for CIFAR and SVHN), and the dataset's real test images: CIFAR's
 * test_batch.bin / test.bin, SVHN's test_32x32.bin, Fashion-MNIST's t10k files. The digits and the
 * synthetic images have no test files, so a held-out part stands in: the last 297 digits, and a
 * quarter as many synthetic images again, drawn after the training ones.
 */
public record EvaluationData(ImageSet train, ImageSet test) {

  /** The digits held out for testing: the last 297 of the 1,797. */
  static final int DIGITS_TEST = 297;

  /**
   * maxSamples: the training images to use (the first ones), or null for dataset.maxSamples (all
   * when that is null too).
   */
  public static EvaluationData load(DatasetSpec spec, Integer maxSamples, Path dataDir, long seed) {
    Integer chosen = maxSamples != null ? maxSamples : spec.getMaxSamples();
    int limit = chosen == null ? Integer.MAX_VALUE : chosen;
    return switch (spec.getName()) {
      case CIFAR10 ->
          new EvaluationData(
              Datasets.cifar10(dataDir, limit),
              Datasets.testRecords(
                  "cifar10-test",
                  dataDir.resolve("test_batch.bin"),
                  3073,
                  0,
                  10,
                  Datasets.CIFAR10,
                  Datasets.CIFAR10_FORMAT));
      case CIFAR100 ->
          new EvaluationData(
              Datasets.cifar100(dataDir, limit),
              Datasets.testRecords(
                  "cifar100-test",
                  dataDir.resolve("test.bin"),
                  3074,
                  1,
                  100,
                  Datasets.CIFAR100,
                  Datasets.CIFAR100_FORMAT));
      case SVHN ->
          new EvaluationData(
              Datasets.svhn(dataDir, limit),
              Datasets.testRecords(
                  "svhn-test",
                  dataDir.resolve("test_32x32.bin"),
                  3073,
                  0,
                  10,
                  Datasets.SVHN,
                  Datasets.SVHN_FORMAT));
      case FASHION_MNIST ->
          new EvaluationData(
              Datasets.fashionMnist(dataDir, "train", limit),
              Datasets.fashionMnist(dataDir, "t10k", Integer.MAX_VALUE).withAugment(Augment.NONE));
      case DIGITS -> {
        ImageSet all = Datasets.digits(Integer.MAX_VALUE);
        int trainEnd = Math.min(limit, all.size() - DIGITS_TEST);
        yield new EvaluationData(
            all.subset("digits", 0, trainEnd).withAugment(Augment.CROP),
            all.subset("digits-test", all.size() - DIGITS_TEST, all.size()));
      }
      case SYNTHETIC -> {
        SyntheticDataSpec s =
            spec.getSynthetic() == null ? new SyntheticDataSpec() : spec.getSynthetic();
        int n = Math.min(limit, s.getSamples());
        int held = Math.max(n / 4, 2 * s.getClasses());
        SyntheticDataSpec more = new SyntheticDataSpec();
        more.setSamples(n + held);
        more.setImageSize(s.getImageSize());
        more.setChannels(s.getChannels());
        more.setClasses(s.getClasses());
        ImageSet all = SyntheticImages.generate(more, seed, n + held);
        yield new EvaluationData(
            all.subset("synthetic", 0, n).withAugment(Augment.CROP),
            all.subset("synthetic-test", n, n + held));
      }
    };
  }
}
