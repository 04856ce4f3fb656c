package io.zarts.trainer.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.zarts.trainer.ChildJvm;
import io.zarts.trainer.SameFiles;
import io.zarts.trainer.TestSearches;
import io.zarts.trainer.WatchedProcess;
import io.zarts.trainer.cli.ExitCodes;
import io.zarts.trainer.util.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real trainer processes killed and resumed: with SIGKILL at random moments, at fault-injection
 * points inside a checkpoint write and between steps, and with SIGTERM. Every
 * interrupted-and-resumed run must end with alphas, weights and genotype byte-identical to an
 * uninterrupted run (CPU, one thread, fixed seed).
 */
// A bound for a hung child process, far above what these runs take; no step waits on it.
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class ResumeEquivalenceTest {

  static final String SEARCH =
      TestSearches.resource(
          "resume",
          TestSearches.tinySpec(
                  64,
                  "algorithm: mgs, samples: 2, innerSteps: 1, innerBatchSize: 4, warmupEpochs: 1, updateEvery: 2",
                  "epochs: 3, batchSize: 8")
              + "  checkpoint: {size: 1Gi, everyEpochs: 1, keep: 2}\n"
              + "  trainer: {device: cpu, threads: 1}\n");

  @TempDir static Path work;

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

  static ProcessBuilder trainer(Path out, String fault, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "search",
                file.toString(),
                "--output-dir",
                out.toString(),
                "--quiet",
                "--termination-log",
                out.resolveSibling(out.getFileName() + ".termination").toString()));
    args.addAll(List.of(more));
    ProcessBuilder pb =
        ChildJvm.of(List.of(), "io.zarts.trainer.cli.Zarts", args.toArray(String[]::new))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    if (fault != null) {
      pb.environment().put("ZARTS_FAULT_HALT_AT", fault);
    }
    return pb;
  }

  static Result run(Path out, String fault, String... more) throws Exception {
    Path log = Files.createTempFile(work, "trainer", ".err");
    Process p = trainer(out, fault, more).redirectError(log.toFile()).start();
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), Files.readString(log));
  }

  static void assertSameAsReference(Path out) throws IOException {
    SameFiles.assertSameBytes(
        out,
        reference,
        "epoch-000003/alphas.bin",
        "epoch-000003/weights.bin",
        "epoch-000003/batchnorm.bin",
        "epoch-000003/weight-optimizer.bin",
        "genotype.txt");
  }

  @ParameterizedTest(name = "halt at {0}")
  @ValueSource(
      strings = {
        "step:6", // mid-epoch 2, after the first checkpoint
        "checkpoint:file:weights.bin#2", // inside the second checkpoint, after its first file
        "checkpoint:manifest#2", // every file written, manifest not yet
        "checkpoint:rename#1", // renamed, parent folder not yet synced
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

  /**
   * Candidate workers are not part of a checkpoint: a search killed in its last epoch after a
   * checkpoint with alpha updates made by 2 workers resumes on 1, and one made by 1 resumes on 2,
   * both ending with the uninterrupted run's genotype and alphas. Not byte for byte: a worker count
   * splits the candidates differently between stacked and one-after-another evaluation, which agree
   * to float summation order (CandidateWorkersTest).
   */
  @ParameterizedTest(name = "{0} workers, then {1}")
  @org.junit.jupiter.params.provider.CsvSource({"2, 1", "1, 2"})
  void aSearchResumesOnAnotherNumberOfCandidateWorkers(int before, int after) throws Exception {
    Path out = work.resolve("workers-" + before + "-" + after);
    Result killed = run(out, "step:10", "--workers", Integer.toString(before));
    assertThat(killed.code()).as(killed.err()).isEqualTo(137);
    assertThat(killed.err()).contains(before + " candidate worker");
    Result resumed = run(out, null, "--workers", Integer.toString(after));
    assertThat(resumed.code()).as(resumed.err()).isZero();
    assertThat(resumed.err()).contains(after + " candidate worker");
    SameFiles.assertSameBytes(out, reference, "genotype.txt");
    SameFiles.assertSameAlphaWeights(out, reference, 1e-4);
  }

  /**
   * Three kill moments, steps k of the 12 the run has (4 per epoch), drawn by the seed: distinct,
   * ascending.
   */
  static int[] killSteps(long seed) {
    Rng rng = new Rng(seed);
    TreeSet<Integer> steps = new TreeSet<>();
    while (steps.size() < 3) {
      steps.add(
          2 + rng.nextInt(9)); // 2..10: every kill leaves work to do, whatever the machine's speed
    }
    return steps.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The step number of a trace line "reached step:N", or -1 for any other line. */
  static int tracedStep(String line) {
    String marker = FaultInjector.PREFIX + "reached step:";
    return line.startsWith(marker) ? Integer.parseInt(line.substring(marker.length())) : -1;
  }

  @Test
  void repeatedSigkillsAtRandomMomentsStillEndIdentical() throws Exception {
    Path out = work.resolve("sigkill");
    int kills = 0;
    for (int k : killSteps(42)) {
      // The kill follows the run's own report that step k is done, so it lands at a random moment
      // inside the
      // following work (a step, an alpha update or a checkpoint write) on a fast machine and a slow
      // one alike.
      ProcessBuilder pb = trainer(out, null);
      pb.environment().put("ZARTS_FAULT_TRACE", "1");
      // Two steps later the trainer holds until killed, so the kill always lands before its end.
      pb.environment().put("ZARTS_FAULT_PAUSE_AT", "step:" + (k + 2));
      WatchedProcess p = WatchedProcess.start(pb);
      assertThat(p.awaitLine(line -> tracedStep(line) >= k)).as("step %d reported", k).isPresent();
      p.kill();
      assertThat(p.awaitExit()).as(p.err()).isEqualTo(137);
      kills++;
    }
    Result last = run(out, null);
    assertThat(last.code()).as(last.err()).isZero();
    assertThat(kills).isEqualTo(3);
    assertSameAsReference(out);
  }

  @Test
  void sigtermCheckpointsExits143AndResumesIdentically() throws Exception {
    Path out = work.resolve("sigterm");
    // The trainer pauses after step 6 (mid-epoch 2, after the first checkpoint) until it is asked
    // to stop.
    ProcessBuilder pb = trainer(out, null);
    pb.environment().put("ZARTS_FAULT_PAUSE_AT", "step:6");
    WatchedProcess p = WatchedProcess.start(pb);
    assertThat(p.awaitLine(line -> line.equals(FaultInjector.PREFIX + "paused at step:6")))
        .isPresent();
    p.terminate();
    assertThat(p.awaitExit()).as(p.err()).isEqualTo(143);
    assertThat(p.err()).contains("stopped by SIGTERM after a checkpoint");
    assertThat(out.resolve("epoch-000001-step-000002"))
        .as("checkpoint taken on SIGTERM")
        .isDirectory();
    String summary = Files.readString(out.resolveSibling("sigterm.termination"));
    assertThat(summary).contains("\"reason\":\"Preempted\"").contains("\"exitCode\":143");
    assertThat(summary.length()).isLessThanOrEqualTo(4096);
    Result resumed = run(out, null);
    assertThat(resumed.code()).as(resumed.err()).isZero();
    assertThat(Files.readString(out.resolveSibling("sigterm.termination")))
        .contains("\"reason\":\"Succeeded\"");
    assertSameAsReference(out);
  }

  @Test
  void aSecondTrainerWaitsForTheFirstToCheckpointAndThenFinishesTheSearch() throws Exception {
    Path out = work.resolve("two-writers");
    ProcessBuilder firstPb = trainer(out, null);
    firstPb.environment().put("ZARTS_FAULT_PAUSE_AT", "step:2");
    WatchedProcess first = WatchedProcess.start(firstPb);
    assertThat(first.awaitLine(line -> line.equals(FaultInjector.PREFIX + "paused at step:2")))
        .isPresent();
    // The replacement pod of a resumed search, started while the old one still runs.
    ProcessBuilder secondPb = trainer(out, null);
    secondPb.environment().put("ZARTS_CHECKPOINT_LOCK_WAIT_SECONDS", "600");
    WatchedProcess second = WatchedProcess.start(secondPb);
    assertThat(second.awaitLine(line -> line.contains("waiting up to 600 s"))).isPresent();
    first.terminate(); // SIGTERM: the first trainer checkpoints and lets go of the folder
    assertThat(first.awaitExit()).as(first.err()).isEqualTo(143);
    assertThat(second.awaitExit()).as(second.err()).isZero();
    assertThat(second.err()).contains("epoch-000000-step-000002 (epoch 0, step 2)");
    assertSameAsReference(out);
  }

  @Test
  void aSecondTrainerGivesUpAfterItsWaitWithTheRetriedExitCode() throws Exception {
    Path out = work.resolve("busy");
    ProcessBuilder pb = trainer(out, null);
    pb.environment().put("ZARTS_FAULT_PAUSE_AT", "step:2");
    WatchedProcess first = WatchedProcess.start(pb);
    assertThat(first.awaitLine(line -> line.equals(FaultInjector.PREFIX + "paused at step:2")))
        .isPresent();
    ProcessBuilder secondPb = trainer(out, null);
    secondPb.environment().put("ZARTS_CHECKPOINT_LOCK_WAIT_SECONDS", "0");
    WatchedProcess second = WatchedProcess.start(secondPb);
    int code = second.awaitExit();
    first.kill();
    first.awaitExit();
    assertThat(code).as(second.err()).isEqualTo(ExitCodes.CHECKPOINT_BUSY);
    assertThat(second.err()).contains("another trainer still holds the checkpoint folder");
  }
}
