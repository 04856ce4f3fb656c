package io.zarts.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zarts.api.v1alpha1.SyntheticDataSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loaders on files written in the real binary layouts, and their errors on broken ones. */
class DatasetsTest {

  @TempDir Path dir;

  /**
   * Writes n records: labelBytes label bytes (the last = label, earlier = label + 50), then 3072
   * pixel bytes.
   */
  static byte[] records(int n, int labelBytes, int classes, int seed) {
    int size = labelBytes + 3072;
    byte[] out = new byte[n * size];
    for (int i = 0; i < n; i++) {
      int label = (i * 7 + seed) % classes;
      for (int b = 0; b < labelBytes - 1; b++) {
        out[i * size + b] = (byte) ((label + 50) % classes);
      }
      out[i * size + labelBytes - 1] = (byte) label;
      for (int p = 0; p < 3072; p++) {
        out[i * size + labelBytes + p] = (byte) (i + p * 3 + seed);
      }
    }
    return out;
  }

  @Test
  void cifar10ReadsAllFiveBatchesInOrder() throws IOException {
    for (int b = 1; b <= 5; b++) {
      Files.write(dir.resolve("data_batch_" + b + ".bin"), records(3, 1, 10, b));
    }
    ImageSet set = Datasets.cifar10(dir, Integer.MAX_VALUE);
    assertThat(set.size()).isEqualTo(15);
    assertThat(set.classes()).isEqualTo(10);
    assertThat(set.labels()[3]).isEqualTo(2); // second file, first record: (0 * 7 + 2) % 10
    // Pixels of record 0 of file 2: byte (0 + p*3 + 2); the red plane comes first.
    assertThat(set.pixels()[3 * 3072 + 1]).isEqualTo((byte) 5);
    assertThat(Datasets.cifar10(dir, 4).size()).isEqualTo(4);
  }

  @Test
  void cifar10AcceptsOneConcatenatedFile() throws IOException {
    Files.write(dir.resolve("data_batch.bin"), records(4, 1, 10, 0));
    assertThat(Datasets.cifar10(dir, Integer.MAX_VALUE).size()).isEqualTo(4);
  }

  @Test
  void cifar100UsesTheFineLabel() throws IOException {
    Files.write(dir.resolve("train.bin"), records(5, 2, 100, 9));
    ImageSet set = Datasets.cifar100(dir, Integer.MAX_VALUE);
    assertThat(set.classes()).isEqualTo(100);
    assertThat(set.labels()).containsExactly(9, 16, 23, 30, 37);
  }

  @Test
  void svhnReadsTheCifarLayout() throws IOException {
    Files.write(dir.resolve("train_32x32.bin"), records(6, 1, 10, 1));
    assertThat(Datasets.svhn(dir, Integer.MAX_VALUE).size()).isEqualTo(6);
  }

  @Test
  void truncatedFilesNameTheFileTheFormatAndTheSize() throws IOException {
    byte[] whole = records(2, 1, 10, 0);
    for (int b = 1; b <= 5; b++) {
      Files.write(
          dir.resolve("data_batch_" + b + ".bin"), b == 3 ? Arrays.copyOf(whole, 5000) : whole);
    }
    assertThatThrownBy(() -> Datasets.cifar10(dir, Integer.MAX_VALUE))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining(
            "data_batch_3.bin: size 5000 bytes is not a whole number of 3073-byte records")
        .hasMessageContaining("CIFAR-10 binary version")
        .satisfies(e -> assertThat(((DataFormatException) e).missing()).isFalse());
  }

  @Test
  void missingFilesAndBadLabelsAreReported() throws IOException {
    Files.write(dir.resolve("data_batch_1.bin"), records(2, 1, 10, 0));
    assertThatThrownBy(() -> Datasets.cifar10(dir, Integer.MAX_VALUE))
        .hasMessageContaining("data_batch_2.bin: file not found")
        .satisfies(e -> assertThat(((DataFormatException) e).missing()).isTrue());
    byte[] bad = records(1, 1, 10, 0);
    bad[0] = 42;
    Files.write(dir.resolve("train_32x32.bin"), bad);
    assertThatThrownBy(() -> Datasets.svhn(dir, Integer.MAX_VALUE))
        .hasMessageContaining("has label 42");
  }

  @Test
  void digitsAreTheShippedUciSet() {
    ImageSet set = Datasets.digits(Integer.MAX_VALUE);
    assertThat(set.size()).isEqualTo(1797);
    assertThat(set.height()).isEqualTo(8);
    assertThat(set.channels()).isEqualTo(1);
    assertThat(Arrays.stream(set.labels()).distinct().count()).isEqualTo(10);
    // First row of the CSV: 0,0,5,13,... -> pixel 2 is 5/16 of full scale.
    assertThat(set.pixels()[2] & 0xFF).isEqualTo(Math.round(5 * 255f / 16f));
  }

  @Test
  void syntheticIsSeededBalancedAndAnySize() {
    SyntheticDataSpec spec = new SyntheticDataSpec();
    spec.setSamples(40);
    spec.setImageSize(12);
    spec.setChannels(2);
    spec.setClasses(4);
    ImageSet a = SyntheticImages.generate(spec, 1, Integer.MAX_VALUE);
    ImageSet b = SyntheticImages.generate(spec, 1, Integer.MAX_VALUE);
    ImageSet c = SyntheticImages.generate(spec, 2, Integer.MAX_VALUE);
    assertThat(a.pixels()).isEqualTo(b.pixels());
    assertThat(a.pixels()).isNotEqualTo(c.pixels());
    assertThat(a.pixels()).hasSize(40 * 2 * 12 * 12);
    assertThat(Arrays.stream(a.labels()).filter(l -> l == 3).count()).isEqualTo(10);
  }
}
