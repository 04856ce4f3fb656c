package io.zarts.trainer.data;

import io.zarts.api.v1alpha1.DatasetSpec;
import io.zarts.api.v1alpha1.SyntheticDataSpec;
import io.zarts.trainer.data.ImageSet.Augment;
import io.zarts.trainer.data.ImageSet.Normalization;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Loads the training images of a dataset. File formats:
 *
 * <ul>
 *   <li>cifar10: the CIFAR-10 "binary version": {@code data_batch_1.bin} .. {@code
 *       data_batch_5.bin} (or one concatenated {@code data_batch.bin}), records of 3073 bytes: 1
 *       label byte (0-9), then 1024 red, 1024 green and 1024 blue bytes of a 32x32 image,
 *       row-major.
 *   <li>cifar100: the CIFAR-100 binary version's {@code train.bin}: records of 3074 bytes: coarse
 *       label, fine label (0-99, used), then the 3072 pixel bytes.
 *   <li>svhn: {@code train_32x32.bin} in the CIFAR-10 record layout (1 label byte 0-9, with digit 0
 *       as label 0, then the three 32x32 colour planes). The official {@code train_32x32.mat}
 *       converts with a few lines of NumPy: {@code X = m['X'].transpose(3, 2, 0, 1); y =
 *       m['y'].ravel() % 10}, then write each label byte followed by its image's bytes.
 *   <li>digits: the UCI 8x8 hand-written digits shipped inside the trainer (1,797 grey images,
 *       values 0-16).
 *   <li>synthetic: generated, see {@link SyntheticImages}.
 * </ul>
 */
public final class Datasets {

  static final String CIFAR10_FORMAT =
      "the CIFAR-10 binary version (3073-byte records: 1 label byte, 3072 pixel" + " bytes)";
  static final String CIFAR100_FORMAT =
      "the CIFAR-100 binary version (3074-byte records: coarse label, fine label,"
          + " 3072 pixel bytes)";
  static final String SVHN_FORMAT =
      "SVHN in the CIFAR-10 record layout (3073-byte records: 1 label byte 0-9,"
          + " 3072 pixel bytes)";

  static final Normalization CIFAR10 =
      new Normalization(
          new float[] {0.49139968f, 0.48215827f, 0.44653124f},
          new float[] {0.24703233f, 0.24348505f, 0.26158768f});
  static final Normalization CIFAR100 =
      new Normalization(
          new float[] {0.5071f, 0.4865f, 0.4409f}, new float[] {0.2673f, 0.2564f, 0.2762f});
  static final Normalization SVHN =
      new Normalization(
          new float[] {0.4377f, 0.4438f, 0.4728f}, new float[] {0.1980f, 0.2010f, 0.1970f});

  private static final Normalization FASHION_MNIST =
      new Normalization(new float[] {0.2860f}, new float[] {0.3530f});

  private Datasets() {}

  /**
   * Loads the images the search trains and validates on. dataDir is the folder with the files (the
   * claim's subPath); it is ignored for digits and synthetic. seed drives synthetic generation.
   */
  public static ImageSet load(DatasetSpec spec, Path dataDir, long seed) {
    int limit = spec.getMaxSamples() == null ? Integer.MAX_VALUE : spec.getMaxSamples();
    return switch (spec.getName()) {
      case CIFAR10 -> cifar10(requireDir(dataDir), limit);
      case CIFAR100 -> cifar100(requireDir(dataDir), limit);
      case SVHN -> svhn(requireDir(dataDir), limit);
      case FASHION_MNIST -> fashionMnist(requireDir(dataDir), "train", limit);
      case DIGITS -> digits(limit);
      case SYNTHETIC ->
          SyntheticImages.generate(
              spec.getSynthetic() == null ? new SyntheticDataSpec() : spec.getSynthetic(),
              seed,
              limit);
    };
  }

  static ImageSet cifar10(Path dir, int limit) {
    Path single = dir.resolve("data_batch.bin");
    Path[] files =
        Files.exists(single) && !Files.exists(dir.resolve("data_batch_1.bin"))
            ? new Path[] {single}
            : new Path[] {
              dir.resolve("data_batch_1.bin"),
              dir.resolve("data_batch_2.bin"),
              dir.resolve("data_batch_3.bin"),
              dir.resolve("data_batch_4.bin"),
              dir.resolve("data_batch_5.bin")
            };
    RecordFiles.ImageSetParts parts =
        RecordFiles.readAll(files, 3073, 0, 10, limit, CIFAR10_FORMAT);
    return new ImageSet(
        "cifar10", parts.pixels(), parts.labels(), 3, 32, 32, 10, CIFAR10, Augment.CROP_AND_FLIP);
  }

  static ImageSet cifar100(Path dir, int limit) {
    RecordFiles.ImageSetParts parts =
        RecordFiles.readAll(
            new Path[] {dir.resolve("train.bin")}, 3074, 1, 100, limit, CIFAR100_FORMAT);
    return new ImageSet(
        "cifar100",
        parts.pixels(),
        parts.labels(),
        3,
        32,
        32,
        100,
        CIFAR100,
        Augment.CROP_AND_FLIP);
  }

  static ImageSet svhn(Path dir, int limit) {
    RecordFiles.ImageSetParts parts =
        RecordFiles.readAll(
            new Path[] {dir.resolve("train_32x32.bin")}, 3073, 0, 10, limit, SVHN_FORMAT);
    return new ImageSet(
        "svhn", parts.pixels(), parts.labels(), 3, 32, 32, 10, SVHN, Augment.CROP_AND_FLIP);
  }

  /** A test set in a record layout: every record of one file, not augmented. */
  static ImageSet testRecords(
      String name,
      Path file,
      int recordSize,
      int labelOffset,
      int classes,
      Normalization normalization,
      String format) {
    RecordFiles.ImageSetParts parts =
        RecordFiles.readAll(
            new Path[] {file}, recordSize, labelOffset, classes, Integer.MAX_VALUE, format);
    return new ImageSet(
        name, parts.pixels(), parts.labels(), 3, 32, 32, classes, normalization, Augment.NONE);
  }

  /** Fashion-MNIST's "train" (60,000) or "t10k" (10,000) images from their IDX files. */
  static ImageSet fashionMnist(Path dir, String part, int limit) {
    IdxFiles.Images images =
        IdxFiles.images(IdxFiles.find(dir, part + "-images-idx3-ubyte"), limit);
    int[] labels =
        IdxFiles.labels(IdxFiles.find(dir, part + "-labels-idx1-ubyte"), images.count(), 10);
    if (labels.length != images.count()) {
      throw new DataFormatException(
          dir + ": " + part + " has " + images.count() + " images but " + labels.length + " labels",
          false);
    }
    return new ImageSet(
        "fashion-mnist",
        images.pixels(),
        labels,
        1,
        images.rows(),
        images.cols(),
        10,
        FASHION_MNIST,
        Augment.CROP);
  }

  /** The shipped UCI digits: pixel values 0..16 are scaled to 0..255. */
  static ImageSet digits(int limit) {
    String resource = "digits.csv.gz";
    try (InputStream raw = Datasets.class.getResourceAsStream(resource)) {
      if (raw == null) {
        throw new DataFormatException("the trainer jar lacks " + resource + "; rebuild it", true);
      }
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
      int n = Math.min(limit, 1797);
      byte[] pixels = new byte[n * 64];
      int[] labels = new int[n];
      for (int i = 0; i < n; i++) {
        String line = in.readLine();
        String[] cells = line == null ? new String[0] : line.split(",");
        if (cells.length != 65) {
          throw new DataFormatException(
              resource
                  + ": row "
                  + i
                  + " has "
                  + cells.length
                  + " values; expected 65 (64 pixels 0-16, then the label)",
              false);
        }
        for (int p = 0; p < 64; p++) {
          int v = (int) Double.parseDouble(cells[p]);
          pixels[i * 64 + p] = (byte) Math.round(v * 255f / 16f);
        }
        labels[i] = (int) Double.parseDouble(cells[64]);
      }
      return new ImageSet(
          "digits",
          pixels,
          labels,
          1,
          8,
          8,
          10,
          Normalization.uniform(1, 0.3f, 0.4f),
          Augment.NONE);
    } catch (IOException e) {
      throw new DataFormatException(resource + ": cannot read: " + e.getMessage(), false);
    }
  }

  private static Path requireDir(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      throw new DataFormatException("dataset folder " + dir + " not found", true);
    }
    return dir;
  }
}
