package io.zarts.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zarts.api.progress.TrainerProgress;
import io.zarts.api.progress.TrainerState;
import io.zarts.trainer.TestSearches;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zarts command line end to end: a search, its files, the genotype command, and bad input. */
class ZartsCliTest {

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run zarts(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Zarts.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  Path resource(String name, String spec) throws IOException {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, TestSearches.resource(name, spec));
    return file;
  }

  static final String TINY =
      TestSearches.tinySpec(
              48, "algorithm: darts, warmupEpochs: 1, updateEvery: 2", "epochs: 2, batchSize: 8")
          + "  trainer: {device: cpu, threads: 1}\n";

  /**
   * Failed before: the resumed search went on (exit 0) from positions saved over another split;
   * mid-pass, a larger split read past the saved permutation and a smaller one trained on
   * validation images (BatchStreamTest).
   */
  @Test
  void resumingWithAnotherDataSplitStopsWithExit2NamingTheField() throws IOException {
    String oneEpoch =
        TestSearches.tinySpec(
                48, "algorithm: darts, warmupEpochs: 0, updateEvery: 2", "epochs: 1, batchSize: 8")
            + "  trainer: {device: cpu, threads: 1}\n";
    Path out = dir.resolve("runs");
    Run first =
        zarts("search", resource("split", oneEpoch).toString(), "--out", out.toString(), "--quiet");
    assertThat(first.code()).as(first.err()).isZero();
    String edited =
        oneEpoch
            .replace("epochs: 1", "epochs: 2")
            .replace("name: synthetic\n", "name: synthetic\n    trainPortion: 0.75\n");
    Run resumed =
        zarts("search", resource("split", edited).toString(), "--out", out.toString(), "--quiet");
    assertThat(resumed.code()).as(resumed.err()).isEqualTo(ExitCodes.INVALID_CONFIG);
    assertThat(resumed.err())
        .contains("spec.dataset.trainPortion 0.5, this search has 0.75")
        .contains("use a new output folder")
        .contains("Nothing was deleted");
  }

  @Test
  void searchWritesItsResultsAndTheGenotypeCommandReadsThem() throws IOException {
    Path file = resource("tiny", TINY);
    Path out = dir.resolve("runs");
    Run run = zarts("search", file.toString(), "--out", out.toString(), "--quiet");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("Genotype(normal=[(").contains("normal_concat=range(2, 4)");

    Path search = out.resolve("tiny");
    for (String f :
        new String[] {
          "genotype.txt",
          "genotype.json",
          "alphas.json",
          "progress.json",
          "summary.json",
          "history/epoch-0001/genotype.txt",
          "history/epoch-0002/alphas.json"
        }) {
      assertThat(search.resolve(f)).exists();
    }
    TrainerProgress progress =
        TrainerProgress.fromJson(Files.readString(search.resolve("progress.json")));
    assertThat(progress.getState()).isEqualTo(TrainerState.SUCCEEDED);
    assertThat(progress.getEpoch()).isEqualTo(2);
    assertThat(Files.readString(search.resolve("alphas.json"))).contains("\"sep_conv_3x3\"");

    Run text = zarts("genotype", search.toString());
    assertThat(text.code()).isZero();
    assertThat(text.out().strip()).isEqualTo(run.out().strip());
    Run svg = zarts("genotype", out.toString(), "--format", "svg");
    assertThat(svg.out())
        .startsWith("<svg")
        .contains("normal cell")
        .contains("reduction cell")
        .endsWith("</svg>\n");
    Run zartsJson =
        zarts("genotype", search.resolve("genotype.txt").toString(), "--format", "zarts");
    assertThat(zartsJson.out()).startsWith("{\"normal\": [[");
  }

  @Test
  void aUsedUpTimeBudgetEndsTheSearchWithItsGenotypeAndARaisedOneContinuesIt() throws IOException {
    // 1 ms is used up by the first weight step on any machine (or before it, on a very slow one).
    Path file = resource("budget", TINY.replace("batchSize: 8", "batchSize: 8, maxDuration: 1ms"));
    Path out = dir.resolve("runs");
    Path termination = dir.resolve("termination");
    String[] args = {
      "search",
      file.toString(),
      "--out",
      out.toString(),
      "--quiet",
      "--termination-log",
      termination.toString()
    };
    Run stopped = zarts(args);
    assertThat(stopped.code()).as(stopped.err()).isZero();
    assertThat(stopped.out()).startsWith("Genotype(normal=[(");
    assertThat(stopped.err())
        .contains("zarts: training.maxDuration 1ms is used up (")
        .contains("of 2 epochs; the genotype printed is the one found so far. Raise");
    JsonNode summary = new ObjectMapper().readTree(termination.toFile());
    assertThat(summary.get("reason").asText()).isEqualTo("BudgetExhausted");
    assertThat(summary.get("exitCode").asInt()).isZero();
    assertThat(summary.get("epoch").asInt()).isLessThan(2);
    assertThat(summary.get("genotype").asText()).isEqualTo(stopped.out().strip());
    assertThat(summary.at("/budget/exhausted").asBoolean()).isTrue();
    assertThat(summary.at("/budget/maxDuration").asText()).isEqualTo("1ms");
    TrainerProgress progress =
        TrainerProgress.fromJson(Files.readString(out.resolve("budget/progress.json")));
    assertThat(progress.getState()).isEqualTo(TrainerState.SUCCEEDED);
    assertThat(progress.getBudget().getExhausted()).isTrue();

    Files.writeString(file, Files.readString(file).replace("maxDuration: 1ms", "maxDuration: 1h"));
    Run continued = zarts(args);
    assertThat(continued.code()).as(continued.err()).isZero();
    JsonNode done = new ObjectMapper().readTree(termination.toFile());
    assertThat(done.get("reason").asText()).isEqualTo("Succeeded");
    assertThat(done.get("epoch").asInt()).isEqualTo(2);
    assertThat(done.at("/budget/exhausted").asBoolean()).isFalse();
    assertThat(done.at("/budget/usedSeconds").asDouble()).isGreaterThan(0);
  }

  @Test
  void anUnknownSearchSpaceIsAConfigurationError() throws IOException {
    Run run =
        zarts(
            "search",
            resource("bad-op", TINY.replace("layers: 2,", "name: sep_conv_9x9, layers: 2,"))
                .toString(),
            "--out",
            dir.toString());
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_CONFIG);
    // As the API server says it: the value, then that the cross-field rules were not checked.
    assertThat(run.err().strip().lines())
        .containsExactly(
            "error: spec.searchSpace.name: unsupported value \"sep_conv_9x9\"; use"
                + " one of darts, darts-no-none, s1, s2, s3, s4",
            "error: the rules that relate fields to each other were not checked, since the resource"
                + " is invalid; correct the errors above first");
  }

  @Test
  void aGpuSearchOnTheCpuEngineStopsAtStartWithNoGpuAndNeverRunsOnTheCpu() throws IOException {
    Path termination = dir.resolve("termination-log");
    Path out = dir.resolve("runs");
    String gpuSearch =
        TINY.replace("  trainer: {device: cpu, threads: 1}\n", "  trainer: {threads: 1}\n")
            + "  resources: {gpus: 1}\n";
    Run run =
        zarts(
            "search",
            resource("gpu", gpuSearch).toString(),
            "--out",
            out.toString(),
            "--termination-log",
            termination.toString());
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_CONFIG);
    assertThat(run.err().strip().lines())
        .singleElement()
        .asString()
        .startsWith(
            "error: CPU-only engine in the image: spec.resources.gpus asks for 1 GPU but this"
                + " trainer's PyTorch engine is a CPU-only build (")
        .contains("trainer.image.flavor: cuda");
    assertThat(out.resolve("gpu")).doesNotExist();
    JsonNode summary = new ObjectMapper().readTree(termination.toFile());
    assertThat(summary.get("reason").asText()).isEqualTo("NoGPU");
    assertThat(summary.get("exitCode").asInt()).isEqualTo(ExitCodes.INVALID_CONFIG);
    assertThat(summary.get("message").asText()).startsWith("CPU-only engine in the image: ");

    // device: gpu without resources.gpus asks too; an explicit --device cpu asks for none.
    Path deviceGpu =
        resource(
            "gpu-device", TINY.replace("device: cpu", "device: gpu") + "  resources: {gpus: 0}\n");
    Run device = zarts("search", deviceGpu.toString(), "--out", out.toString());
    assertThat(device.code()).isEqualTo(ExitCodes.INVALID_CONFIG);
    assertThat(device.err()).contains("spec.trainer.device: gpu asks for a GPU");
    Run cpu =
        zarts(
            "search",
            resource("gpu", gpuSearch).toString(),
            "--out",
            out.toString(),
            "--device",
            "cpu",
            "--quiet");
    assertThat(cpu.code()).as(cpu.err()).isZero();
  }

  @Test
  void aNegativeEpochCountIsAConfigurationError() throws IOException {
    Run run = zarts("search", resource("neg", TINY.replace("epochs: 2", "epochs: -1")).toString());
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_CONFIG);
    // A value out of range does not stop the rules, as on the API server: the warm-up one fails.
    assertThat(run.err().strip().lines())
        .first()
        .isEqualTo("error: spec.training.epochs: must be at least 1, got -1");
    assertThat(run.err().strip().lines())
        .hasSize(2)
        .last()
        .asString()
        .startsWith("error: spec.optimizer.warmupEpochs: optimizer.warmupEpochs must be less than");
  }

  @Test
  void aMissingDatasetFolderIsAConfigurationError() throws IOException {
    Path file =
        resource(
            "cifar",
            """
          dataset:
            name: cifar10
            volume: {claimName: cifar10-data, subPath: cifar-10-batches-bin}
        """);
    Run run = zarts("search", file.toString(), "--data", dir.resolve("nowhere").toString());
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_CONFIG);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err())
        .contains("error: spec.dataset.volume: dataset folder")
        .contains("not found")
        .contains("pass --data DIR");
  }

  @Test
  void aYamlSyntaxErrorIsAConfigurationError() throws IOException {
    Path file = dir.resolve("broken.yaml");
    Files.writeString(
        file,
        "apiVersion: zarts.io/v1alpha1\nkind: ArchitectureSearch\nmetadata:\n  name: x\n"
            + "spec:\n  dataset:\n    name: digits\n   training: [\n");
    Run run = zarts("search", file.toString());
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_CONFIG);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).contains("broken.yaml: not valid YAML at line");
  }

  @Test
  void aMalformedDataFileIsUnrecoverable() throws IOException {
    Path data = Files.createDirectories(dir.resolve("data/svhn"));
    Files.write(data.resolve("train_32x32.bin"), new byte[100]);
    Path file =
        resource(
            "svhn",
            """
          dataset:
            name: svhn
            volume: {claimName: svhn-data, subPath: svhn}
        """);
    Run run =
        zarts(
            "search", file.toString(), "--data", dir.resolve("data").toString(), "--device", "cpu");
    assertThat(run.code()).isEqualTo(ExitCodes.UNRECOVERABLE);
    assertThat(run.err())
        .contains("train_32x32.bin: size 100 bytes is not a whole number of 3073-byte records");
  }

  @Test
  void usageErrorsAreConfigurationErrors() {
    assertThat(zarts("search").code()).isEqualTo(ExitCodes.INVALID_CONFIG);
    assertThat(zarts("search", "x.yaml", "--device", "tpu").code())
        .isEqualTo(ExitCodes.INVALID_CONFIG);
  }
}
