package io.zarts.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zarts.api.v1alpha1.DatasetName;
import io.zarts.api.v1alpha1.DatasetSpec;
import io.zarts.api.v1alpha1.SyntheticDataSpec;
import io.zarts.trainer.TestData;
import io.zarts.trainer.data.ImageSet.Augment;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training and test images of the evaluation stage: IDX files, the real Fashion-MNIST, held-out
 * splits.
 */
class EvaluationDataTest {

  @TempDir Path dir;

  static DatasetSpec dataset(DatasetName name) {
    DatasetSpec spec = new DatasetSpec();
    spec.setName(name);
    return spec;
  }

  static void writeIdx(Path file, int magic, int[] dims, byte[] data, boolean gzip)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(magic);
      for (int d : dims) {
        out.writeInt(d);
      }
      out.write(data);
    }
    try (OutputStream out =
        gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
      out.write(bytes.toByteArray());
    }
  }

  @Test
  void idxFilesReadGzippedOrPlain() throws IOException {
    byte[] pixels = new byte[3 * 2 * 2];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 20);
    }
    writeIdx(dir.resolve("train-images-idx3-ubyte.gz"), 0x803, new int[] {3, 2, 2}, pixels, true);
    writeIdx(
        dir.resolve("train-labels-idx1-ubyte"), 0x801, new int[] {3}, new byte[] {4, 0, 9}, false);
    ImageSet set = Datasets.fashionMnist(dir, "train", Integer.MAX_VALUE);
    assertThat(set.size()).isEqualTo(3);
    assertThat(set.labels()).containsExactly(4, 0, 9);
    assertThat(set.pixels()).isEqualTo(pixels);
    assertThat(set.height()).isEqualTo(2);
    assertThat(set.channels()).isEqualTo(1);
    assertThat(set.augment()).isEqualTo(Augment.CROP);
  }

  @Test
  void aWrongFileIsNamedWithWhatWasExpected() throws IOException {
    writeIdx(dir.resolve("train-images-idx3-ubyte"), 0x801, new int[] {3}, new byte[3], false);
    writeIdx(dir.resolve("train-labels-idx1-ubyte"), 0x801, new int[] {3}, new byte[3], false);
    assertThatThrownBy(() -> Datasets.fashionMnist(dir, "train", 10))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("train-images-idx3-ubyte")
        .hasMessageContaining("not an IDX images file");
    assertThatThrownBy(() -> Datasets.fashionMnist(dir, "t10k", 10))
        .hasMessageContaining("t10k-images-idx3-ubyte")
        .hasMessageContaining("not found");
  }

  @Test
  void fashionMnistFromDebianHasItsRealTrainAndTestSets() {
    EvaluationData data =
        EvaluationData.load(dataset(DatasetName.FASHION_MNIST), null, TestData.fashionMnist(), 0);
    assertThat(data.train().size()).isEqualTo(60_000);
    assertThat(data.test().size()).isEqualTo(10_000);
    assertThat(data.train().height()).isEqualTo(28);
    assertThat(data.test().augment()).isEqualTo(Augment.NONE);
    int[] perClass = new int[10];
    for (int label : data.test().labels()) {
      perClass[label]++;
    }
    assertThat(perClass).containsOnly(1000);
  }

  @Test
  void digitsAndSyntheticHoldOutTestImagesTheTrainingNeverSees() {
    EvaluationData digits = EvaluationData.load(dataset(DatasetName.DIGITS), null, null, 0);
    assertThat(digits.train().size()).isEqualTo(1500);
    assertThat(digits.test().size()).isEqualTo(297);
    assertThat(digits.train().augment()).isEqualTo(Augment.CROP);

    DatasetSpec synthetic = dataset(DatasetName.SYNTHETIC);
    SyntheticDataSpec s = new SyntheticDataSpec();
    s.setSamples(40);
    s.setClasses(4);
    synthetic.setSynthetic(s);
    EvaluationData data = EvaluationData.load(synthetic, null, null, 7);
    assertThat(data.train().size()).isEqualTo(40);
    assertThat(data.test().size()).isEqualTo(10);
    // The training images are exactly the ones the search generates with the same seed.
    assertThat(data.train().pixels()).isEqualTo(SyntheticImages.generate(s, 7, 40).pixels());
  }

  @Test
  void evaluationMaxSamplesOverridesTheSearchsLimitForTrainingImagesOnly() {
    DatasetSpec digits = dataset(DatasetName.DIGITS);
    digits.setMaxSamples(100);
    assertThat(EvaluationData.load(digits, null, null, 0).train().size()).isEqualTo(100);
    EvaluationData more = EvaluationData.load(digits, 900, null, 0);
    assertThat(more.train().size()).isEqualTo(900);
    assertThat(more.test().size()).as("the test images stay all of them").isEqualTo(297);
  }
}
