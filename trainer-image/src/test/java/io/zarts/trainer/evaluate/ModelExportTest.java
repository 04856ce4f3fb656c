package io.zarts.trainer.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.zarts.api.genotype.Genotype;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.trainer.TestSearches;
import io.zarts.trainer.checkpoint.FaultInjector;
import io.zarts.trainer.cli.Zarts;
import io.zarts.trainer.data.EvaluationData;
import io.zarts.trainer.data.ImageSet;
import io.zarts.trainer.output.Json;
import io.zarts.trainer.run.EvaluationRunner;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported model folder is usable on its own: zarts predict loads it and classifies the test
 * images, written as PNG files, exactly as well as the evaluation scored them.
 */
class ModelExportTest {

  @TempDir Path dir;

  @Test
  void predictClassifiesTheTestImagesAsTheEvaluationScoredThem() throws Exception {
    ArchitectureSearch search =
        TestSearches.search(
            "export",
            """
              dataset:
                name: synthetic
                synthetic: {samples: 128, imageSize: 16, classes: 4}
              evaluation: {epochs: 4, layers: 3, initChannels: 4, batchSize: 16,
                auxiliaryWeight: 0, cutout: 0, seed: 2}
              trainer: {device: cpu, threads: 1}
            """);
    Genotype genotype = Genotype.parse(EvaluationLearningTest.DARTS_V2);
    Path out = dir.resolve("evaluation");
    EvaluationRunner.Outcome outcome =
        new EvaluationRunner(
                search,
                genotype,
                null,
                out,
                Device.cpu(),
                new EvaluationListener() {},
                FaultInjector.NONE,
                line -> {},
                saved -> {})
            .run(() -> false);
    Path model = outcome.modelDir();
    for (String f : new String[] {"weights.ndlist", "genotype.json", "model.json"}) {
      assertThat(model.resolve(f)).isNotEmptyFile();
    }
    JsonNode card = Json.MAPPER.readTree(model.resolve("model.json").toFile());
    assertThat(card.path("parameters").asLong()).isEqualTo(outcome.result().parameters());
    assertThat(card.path("testAccuracy").asDouble()).isEqualTo(outcome.testAccuracy());
    assertThat(card.path("inputShape").toString()).isEqualTo("[3,16,16]");

    ImageSet test =
        EvaluationData.load(
                search.getSpec().getDataset(), null, null, search.getSpec().getTraining().getSeed())
            .test();
    List<String> args =
        new ArrayList<>(List.of("predict", "--model", model.toString(), "--top", "1"));
    for (int i = 0; i < test.size(); i++) {
      Path png = dir.resolve("test-" + i + ".png");
      ImageIO.write(image(test, i), "png", png.toFile());
      args.add(png.toString());
    }
    StringWriter printed = new StringWriter();
    StringWriter errors = new StringWriter();
    int code =
        Zarts.run(
            new PrintWriter(printed, true),
            new PrintWriter(errors, true),
            args.toArray(String[]::new));
    assertThat(code).as(errors.toString()).isZero();
    List<String> lines = printed.toString().lines().toList();
    assertThat(lines).hasSize(2 * test.size());
    int correct = 0;
    for (int i = 0; i < test.size(); i++) {
      assertThat(lines.get(2 * i)).endsWith("test-" + i + ".png");
      if (lines.get(2 * i + 1).strip().startsWith("class-" + test.labels()[i] + " ")) {
        correct++;
      }
    }
    assertThat((double) correct / test.size()).isEqualTo(outcome.testAccuracy());
    assertThat(outcome.testAccuracy()).isGreaterThan(0.5);

    // From a thread that did not load the engine, as a serving pool's: libtorch records there by
    // default. Failed before: the in-place copy into the weights was refused while recording.
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Image first = ImageFactory.getInstance().fromImage(image(test, 0));
      float[] probabilities =
          pool.submit(
                  () -> {
                    try (NDManager m = NDManager.newBaseManager()) {
                      return ModelFolder.load(model, m).probabilities(first, m).toFloatArray();
                    }
                  })
              .get();
      assertThat(probabilities).hasSize(4);
      double sum = 0;
      for (float p : probabilities) {
        sum += p;
      }
      assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    } finally {
      pool.shutdownNow();
    }
  }

  /** Image i of a 3-channel set as an RGB picture, its bytes unchanged. */
  static BufferedImage image(ImageSet set, int i) {
    int h = set.height();
    int w = set.width();
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int base = i * set.imageBytes();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int r = set.pixels()[base + y * w + x] & 0xFF;
        int g = set.pixels()[base + h * w + y * w + x] & 0xFF;
        int b = set.pixels()[base + 2 * h * w + y * w + x] & 0xFF;
        img.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    return img;
  }
}
