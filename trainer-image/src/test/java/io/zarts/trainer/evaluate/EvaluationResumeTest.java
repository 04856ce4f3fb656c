package io.zarts.trainer.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zarts.api.progress.TrainerProgress;
import io.zarts.api.progress.TrainerState;
import io.zarts.api.v1alpha1.EvaluationStatus;
import io.zarts.trainer.ChildJvm;
import io.zarts.trainer.SameFiles;
import io.zarts.trainer.TestSearches;
import io.zarts.trainer.WatchedProcess;
import io.zarts.trainer.checkpoint.FaultInjector;
import io.zarts.trainer.output.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real trainer processes running zarts evaluate, killed at fault points during the evaluation
 * (SIGKILL between two steps and inside a checkpoint write, SIGTERM at a pause), then resumed: the
 * final weights, the exported model and the summary equal an uninterrupted run's, byte for byte.
 */
// A bound for a hung child process, far above what these runs take; no step waits on it.
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class EvaluationResumeTest {

  static final String GENOTYPE =
      "Genotype(normal=[('sep_conv_3x3', 0), ('skip_connect', 1), ('max_pool_3x3', 0),"
          + " ('dil_conv_3x3', 2)], normal_concat=[2, 3], reduce=[('avg_pool_3x3', 0),"
          + " ('max_pool_3x3', 1), ('skip_connect', 2), ('sep_conv_3x3', 0)], reduce_concat=[2, 3])";

  static final String SEARCH =
      TestSearches.resource(
          "evaluation",
          TestSearches.tinySpec(64, "algorithm: mgs, warmupEpochs: 1", "epochs: 2, batchSize: 8")
              + "  checkpoint: {size: 1Gi, everyEpochs: 1, keep: 2}\n"
              + "  evaluation: {epochs: 3, layers: 3, initChannels: 4, batchSize: 8,"
              + " auxiliaryWeight: 0, cutout: 2, seed: 3}\n"
              + "  trainer: {device: cpu, threads: 1}\n");

  @TempDir static Path work;
  static Path file;
  static Path reference;

  @BeforeAll
  static void uninterrupted() throws Exception {
    file = work.resolve("evaluation.yaml");
    Files.writeString(file, SEARCH);
    reference = work.resolve("reference");
    WatchedProcess p = WatchedProcess.start(evaluate(reference));
    assertThat(p.awaitExit()).as(p.err()).isZero();
  }

  static ProcessBuilder evaluate(Path out) {
    return ChildJvm.of(
            List.of(),
            "io.zarts.trainer.cli.Zarts",
            "evaluate",
            file.toString(),
            "--genotype",
            GENOTYPE,
            "--output-dir",
            out.toString(),
            "--quiet",
            "--termination-log",
            out.resolveSibling(out.getFileName() + ".termination").toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
  }

  static void assertSameAsReference(Path out) throws IOException {
    SameFiles.assertSameBytes(
        out,
        reference,
        "evaluation/epoch-000003/weights.bin",
        "evaluation/epoch-000003/batchnorm.bin",
        "evaluation/epoch-000003/weight-optimizer.bin",
        "evaluation/model/weights.ndlist");
    String summary = Files.readString(out.resolve("evaluation/summary.json"));
    String expected = Files.readString(reference.resolve("evaluation/summary.json"));
    assertThat(field(summary, "testAccuracy")).isEqualTo(field(expected, "testAccuracy"));
  }

  static String field(String json, String name) {
    int at = json.indexOf("\"" + name + "\"");
    return json.substring(at, json.indexOf('\n', at));
  }

  @ParameterizedTest(name = "halt at {0}")
  @ValueSource(strings = {"evaluation:step:13", "evaluation:checkpoint:manifest#2"})
  void killedDuringTheEvaluationAndResumedEqualsUninterrupted(String point) throws Exception {
    Path out = work.resolve("fault-" + point.replaceAll("[^a-z0-9]", "-"));
    ProcessBuilder pb = evaluate(out);
    pb.environment().put("ZARTS_FAULT_HALT_AT", point);
    WatchedProcess killed = WatchedProcess.start(pb);
    assertThat(killed.awaitExit()).as(killed.err()).isEqualTo(137);
    assertThat(killed.err()).contains("halting at " + point.replaceAll("#.*", ""));
    WatchedProcess resumed = WatchedProcess.start(evaluate(out));
    assertThat(resumed.awaitExit()).as(resumed.err()).isZero();
    assertThat(resumed.err()).contains("resuming from checkpoint");
    assertSameAsReference(out);
  }

  @Test
  void sigtermDuringTheEvaluationCheckpointsExits143AndResumesIdentically() throws Exception {
    Path out = work.resolve("sigterm");
    ProcessBuilder pb = evaluate(out);
    pb.environment().put("ZARTS_FAULT_PAUSE_AT", "evaluation:step:10");
    WatchedProcess p = WatchedProcess.start(pb);
    assertThat(
            p.awaitLine(line -> line.equals(FaultInjector.PREFIX + "paused at evaluation:step:10")))
        .isPresent();
    p.terminate();
    assertThat(p.awaitExit()).as(p.err()).isEqualTo(143);
    assertThat(p.err()).contains("evaluation stopped by SIGTERM after a checkpoint");
    assertThat(out.resolve("evaluation/epoch-000001-step-000002"))
        .as("checkpoint taken on SIGTERM, mid-epoch")
        .isDirectory();
    assertThat(Files.readString(out.resolveSibling("sigterm.termination")))
        .contains("\"reason\":\"Preempted\"");
    assertThat(report(out).getState()).isEqualTo(TrainerState.PREEMPTED);
    WatchedProcess resumed = WatchedProcess.start(evaluate(out));
    assertThat(resumed.awaitExit()).as(resumed.err()).isZero();
    assertThat(resumed.err()).contains("resuming from checkpoint");
    assertThat(Files.readString(out.resolveSibling("sigterm.termination")))
        .contains("\"reason\":\"Succeeded\"")
        .contains("\"testAccuracy\"");
    assertSameAsReference(out);
    // The final report, what the operator puts in status.evaluation, carries the summary's result.
    TrainerProgress last = report(out);
    assertThat(last.getState()).isEqualTo(TrainerState.SUCCEEDED);
    assertThat(last.getResumes()).isEqualTo(1);
    EvaluationStatus evaluation = last.getEvaluation();
    assertThat(evaluation.getPhase()).isEqualTo("Succeeded");
    assertThat(evaluation.getEpoch()).isEqualTo(3);
    assertThat(evaluation.getEpochs()).isEqualTo(3);
    JsonNode summary = Json.MAPPER.readTree(out.resolve("evaluation/summary.json").toFile());
    assertThat(evaluation.getTestAccuracy()).isEqualTo(summary.get("testAccuracy").asDouble());
    assertThat(evaluation.getParameters()).isEqualTo(summary.get("parameters").asLong());
    assertThat(evaluation.getTrainLoss()).isEqualTo(summary.get("trainLoss").asDouble());
    assertThat(evaluation.getModelPath()).isEqualTo(out.resolve("evaluation/model").toString());
    assertThat(evaluation.getCompletionTime()).isNotNull();
  }

  static TrainerProgress report(Path out) throws IOException {
    return TrainerProgress.fromJson(
        Files.readString(out.resolve("evaluation").resolve(TrainerProgress.FILE_NAME)));
  }
}
