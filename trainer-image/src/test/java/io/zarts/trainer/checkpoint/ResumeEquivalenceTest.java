package io.zarts.trainer.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.zarts.trainer.ChildJvm;
import io.zarts.trainer.cli.ExitCodes;
import io.zarts.trainer.util.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real trainer processes killed and resumed: with SIGKILL at random moments, at fault-injection points inside a
 * checkpoint write and between steps, and with SIGTERM. Every interrupted-and-resumed run must end with alphas,
 * weights and genotype byte-identical to an uninterrupted run (CPU, one thread, fixed seed).
 */
class ResumeEquivalenceTest {

  static final String SEARCH = """
      apiVersion: zarts.io/v1alpha1
      kind: ArchitectureSearch
      metadata:
        name: resume
      spec:
        dataset:
          name: synthetic
          synthetic: {samples: 64, imageSize: 8, classes: 3}
        searchSpace: {layers: 2, initChannels: 2, nodes: 2}
        optimizer: {algorithm: mgs, samples: 2, innerSteps: 1, innerBatchSize: 4, warmupEpochs: 1, updateEvery: 2}
        training: {epochs: 3, batchSize: 8}
        checkpoint: {size: 1Gi, everyEpochs: 1, keep: 2}
        trainer: {device: cpu, threads: 1}
      """;

  @TempDir
  static Path work;

  static Path file;
  static Path reference;

  record Result(int code, String err) {}

  @BeforeAll
  static void uninterrupted() throws Exception {
    file = work.resolve("resume.yaml");
    Files.writeString(file, SEARCH);
    reference = work.resolve("reference");
    Result r = run(reference, null);
    assertThat(r.code()).as(r.err()).isZero();
  }

  static ProcessBuilder trainer(Path out, String fault) {
    ProcessBuilder pb = ChildJvm.of(List.of(), "io.zarts.trainer.cli.Zarts", "search", file.toString(),
        "--output-dir", out.toString(), "--quiet",
        "--termination-log", out.resolveSibling(out.getFileName() + ".termination").toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    if (fault != null) {
      pb.environment().put("ZARTS_FAULT_HALT_AT", fault);
    }
    return pb;
  }

  static Result run(Path out, String fault) throws Exception {
    Path log = Files.createTempFile(work, "trainer", ".err");
    Process p = trainer(out, fault).redirectError(log.toFile()).start();
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), Files.readString(log));
  }

  static void assertSameAsReference(Path out) throws IOException {
    for (String f : new String[] {"epoch-000003/alphas.bin", "epoch-000003/weights.bin",
        "epoch-000003/batchnorm.bin", "epoch-000003/weight-optimizer.bin", "genotype.txt"}) {
      assertThat(Files.readAllBytes(out.resolve(f))).as(f).isEqualTo(Files.readAllBytes(reference.resolve(f)));
    }
  }

  @ParameterizedTest(name = "halt at {0}")
  @ValueSource(strings = {
      "step:6",                          // mid-epoch 2, after the first checkpoint
      "checkpoint:file:weights.bin#2",   // inside the second checkpoint, after its first file
      "checkpoint:manifest#2",           // every file written, manifest not yet
      "checkpoint:rename#1",             // renamed, parent folder not yet synced
  })
  void killedAtAFaultPointAndResumedEqualsUninterrupted(String point) throws Exception {
    Path out = work.resolve("fault-" + point.replaceAll("[^a-z0-9]", "-"));
    Result killed = run(out, point);
    assertThat(killed.code()).as(killed.err()).isEqualTo(137);
    assertThat(killed.err()).contains("halting at " + point.replaceAll("#.*", ""));
    Result resumed = run(out, null);
    assertThat(resumed.code()).as(resumed.err()).isZero();
    assertSameAsReference(out);
  }

  @Test
  void repeatedSigkillsAtRandomMomentsStillEndIdentical() throws Exception {
    Path out = work.resolve("sigkill");
    Rng rng = new Rng(42);
    int kills = 0;
    for (int attempt = 0; attempt < 12; attempt++) {
      Process p = trainer(out, null).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      long delay = attempt < 3 ? 1500 + rng.nextInt(3000) : 0;
      if (delay > 0 && !p.waitFor(delay, TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        kills++;
      }
      assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
      if (p.exitValue() == 0) {
        break;
      }
      assertThat(p.exitValue()).isEqualTo(137);
    }
    assertThat(kills).isPositive();
    assertSameAsReference(out);
  }

  @Test
  void sigtermCheckpointsExits143AndResumesIdentically() throws Exception {
    Path out = work.resolve("sigterm");
    Path log = work.resolve("sigterm.err");
    Process p = trainer(out, null).redirectError(log.toFile()).start();
    // Wait until the first epoch's checkpoint exists, then ask to stop mid-epoch 2.
    long deadline = System.currentTimeMillis() + 120_000;
    while (!Files.exists(out.resolve("epoch-000001")) && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    p.destroy();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String err = Files.readString(log);
    if (p.exitValue() == 143) {
      assertThat(err).contains("stopped by SIGTERM after a checkpoint");
      String summary = Files.readString(out.resolveSibling("sigterm.termination"));
      assertThat(summary).contains("\"reason\":\"Preempted\"").contains("\"exitCode\":143");
      assertThat(summary.length()).isLessThanOrEqualTo(4096);
    } else {
      assertThat(p.exitValue()).as(err).isZero(); // finished before the signal arrived
    }
    Result resumed = run(out, null);
    assertThat(resumed.code()).as(resumed.err()).isZero();
    assertThat(Files.readString(out.resolveSibling("sigterm.termination"))).contains("\"reason\":\"Succeeded\"");
    assertSameAsReference(out);
  }

  @Test
  void aSecondTrainerOnTheSameFolderFailsFastWithExitCode3() throws Exception {
    Path out = work.resolve("two-writers");
    Process first = trainer(out, null).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    long deadline = System.currentTimeMillis() + 60_000;
    while (!Files.exists(out.resolve(".lock")) && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    Result second = run(out, null);
    first.destroyForcibly().waitFor();
    if (second.code() != 0) {
      assertThat(second.code()).isEqualTo(ExitCodes.UNRECOVERABLE);
      assertThat(second.err()).contains("another trainer holds the checkpoint folder");
    }
  }
}
