package io.zarts.trainer.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The commit protocol, verification, corruption handling, retention and the single-writer lock. */
class CheckpointStoreTest {

  static final Map<String, String> ID = Map.of("dataset", "digits", "searchSpace", "darts");

  @TempDir Path root;

  final List<String> warnings = new ArrayList<>();

  CheckpointStore store(int keep) {
    return new CheckpointStore(root, keep, FaultInjector.NONE, warnings::add);
  }

  static Map<String, CheckpointStore.Content> files(int value) {
    Map<String, CheckpointStore.Content> files = new LinkedHashMap<>();
    files.put(
        "weights.bin",
        out ->
            TensorFile.write(
                out,
                List.of(new NamedTensor("w", new long[] {2, 2}, new float[] {value, 1, 2, 3}))));
    files.put(
        "position.json",
        out -> out.write(("{\"epoch\":" + value + "}").getBytes(StandardCharsets.UTF_8)));
    return files;
  }

  Path commit(CheckpointStore store, int epoch) {
    return store.commit(new CheckpointName(epoch, 0), epoch * 10L, ID, files(epoch));
  }

  @Test
  void commitsAreCompleteUnderTheirFinalNameAndTheNewestIsLoaded() throws IOException {
    try (CheckpointStore store = store(3)) {
      commit(store, 1);
      Path second = commit(store, 2);
      assertThat(second.getFileName().toString()).isEqualTo("epoch-000002");
      assertThat(second.resolve("MANIFEST.json")).exists();
      CheckpointStore.Loaded latest = store.latest(ID).orElseThrow();
      assertThat(latest.dir()).isEqualTo(second);
      assertThat(latest.manifest().files()).containsKeys("weights.bin", "position.json");
      try (var in = latest.open("weights.bin")) {
        assertThat(TensorFile.read(in, "w").get(0).values()[0]).isEqualTo(2f);
      }
      try (Stream<Path> entries = Files.list(root)) {
        assertThat(entries.map(p -> p.getFileName().toString()))
            .noneMatch(n -> n.startsWith(".tmp"));
      }
    }
  }

  /** Stops a commit at its point as a crash would: no clean-up of any kind runs. */
  static final class Crash extends RuntimeException {
    Crash(String point) {
      super("crashed at " + point);
    }
  }

  /**
   * Re-committing a checkpoint's name with keep 1, the process stopped at each point of the
   * replacement: the next start always finds one complete checkpoint of that name, the old or the
   * new one, and nothing set aside stays. Failed before at every point between the old one's
   * deletion and the new one's rename: only a temporary folder was left, which the next start
   * deleted, and the search started over.
   */
  @ParameterizedTest(name = "stopped at {0}")
  @ValueSource(
      strings = {
        "checkpoint:manifest",
        "checkpoint:aside",
        "checkpoint:rename",
        "checkpoint:replaced"
      })
  void aReplacementStoppedAtAnyPointLeavesACompleteCheckpoint(String point) throws IOException {
    CheckpointName name = new CheckpointName(1, 0);
    try (CheckpointStore store = store(1)) {
      store.commit(name, 10L, ID, files(1));
    }
    FaultInjector crash =
        reached -> {
          if (reached.equals(point)) {
            throw new Crash(reached);
          }
        };
    try (CheckpointStore store = new CheckpointStore(root, 1, crash, warnings::add)) {
      assertThatThrownBy(() -> store.commit(name, 10L, ID, files(7))).isInstanceOf(Crash.class);
    }
    try (CheckpointStore store = store(1)) {
      CheckpointStore.Loaded latest = store.latest(ID).orElseThrow();
      assertThat(latest.dir().getFileName().toString()).isEqualTo("epoch-000001");
      float first;
      try (var in = latest.open("weights.bin")) {
        first = TensorFile.read(in, "w").get(0).values()[0];
      }
      boolean renamed = point.equals("checkpoint:rename") || point.equals("checkpoint:replaced");
      assertThat(first).as("the new one once it has the name").isEqualTo(renamed ? 7f : 1f);
      try (Stream<Path> entries = Files.list(root)) {
        assertThat(entries.map(p -> p.getFileName().toString()))
            .noneMatch(n -> n.startsWith(".tmp-") || n.startsWith(".replaced-"));
      }
    }
  }

  @Test
  void retentionKeepsTheLastK() throws IOException {
    try (CheckpointStore store = store(3)) {
      for (int e = 1; e <= 7; e++) {
        commit(store, e);
      }
    }
    try (Stream<Path> entries = Files.list(root)) {
      assertThat(entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("epoch")))
          .containsExactlyInAnyOrder("epoch-000005", "epoch-000006", "epoch-000007");
    }
  }

  @Test
  void midEpochCheckpointsOrderAfterTheirEpochStart() {
    try (CheckpointStore store = store(5)) {
      commit(store, 2);
      store.commit(new CheckpointName(2, 7), 27, ID, files(9));
      assertThat(store.latest(ID).orElseThrow().dir().getFileName().toString())
          .isEqualTo("epoch-000002-step-000007");
    }
  }

  interface Damage {
    void apply(Path checkpoint) throws IOException;
  }

  void assertSkipped(Damage damage) throws IOException {
    try (CheckpointStore store = store(5)) {
      commit(store, 1);
      Path newest = commit(store, 2);
      damage.apply(newest);
      CheckpointStore.Loaded latest = store.latest(ID).orElseThrow();
      assertThat(latest.dir().getFileName().toString()).isEqualTo("epoch-000001");
      assertThat(root.resolve("epoch-000002.corrupt")).exists();
      assertThat(warnings)
          .anyMatch(w -> w.contains("epoch-000002") && w.contains("corrupt or partial"));
    }
  }

  @Test
  void aFlippedByteIsDetected() throws IOException {
    assertSkipped(
        dir -> {
          Path f = dir.resolve("weights.bin");
          byte[] bytes = Files.readAllBytes(f);
          bytes[bytes.length - 1] ^= 0x01;
          Files.write(f, bytes);
        });
  }

  @Test
  void aTruncatedFileIsDetected() throws IOException {
    assertSkipped(
        dir -> {
          Path f = dir.resolve("weights.bin");
          Files.write(f, Arrays.copyOf(Files.readAllBytes(f), 10));
        });
  }

  @Test
  void aMissingManifestIsDetected() throws IOException {
    assertSkipped(dir -> Files.delete(dir.resolve("MANIFEST.json")));
  }

  @Test
  void aMissingFileIsDetected() throws IOException {
    assertSkipped(dir -> Files.delete(dir.resolve("position.json")));
  }

  @Test
  void strayTemporaryFoldersAreRemoved() throws IOException {
    try (CheckpointStore store = store(5)) {
      commit(store, 1);
      Path stray = Files.createDirectories(root.resolve(".tmp-epoch-000002-4242"));
      Files.writeString(stray.resolve("weights.bin"), "half");
      assertThat(store.latest(ID).orElseThrow().dir().getFileName().toString())
          .isEqualTo("epoch-000001");
      assertThat(stray).doesNotExist();
    }
  }

  @Test
  void symlinksAreNeverFollowed() throws IOException {
    Path outside = Files.createDirectories(root.resolveSibling(root.getFileName() + "-outside"));
    try (CheckpointStore store = store(5)) {
      commit(store, 1);
      Files.createSymbolicLink(root.resolve("epoch-000009"), outside);
      assertThat(store.latest(ID).orElseThrow().dir().getFileName().toString())
          .isEqualTo("epoch-000001");
    }
  }

  @Test
  void anIncompatibleOrNewerCheckpointStopsAndNothingIsDeleted() throws IOException {
    try (CheckpointStore store = store(5)) {
      commit(store, 1);
      assertThatThrownBy(() -> store.latest(Map.of("dataset", "cifar10", "searchSpace", "darts")))
          .isInstanceOf(CheckpointMismatchException.class)
          .hasMessageContaining(
              "belongs to a different search (dataset digits, this search has cifar10)")
          .hasMessageContaining("use a new output folder")
          .hasMessageContaining("set dataset back to digits");
      Path manifest = root.resolve("epoch-000001/MANIFEST.json");
      Files.writeString(
          manifest,
          Files.readString(manifest).replace("\"formatVersion\" : 1", "\"formatVersion\" : 9"));
      assertThatThrownBy(() -> store.latest(ID)).hasMessageContaining("format version 9");
      assertThat(root.resolve("epoch-000001/weights.bin")).exists();
    }
  }

  @Test
  void aFieldTheCheckpointDoesNotRecordIsTakenAsThisSearchsWithAWarning() {
    try (CheckpointStore store = store(5)) {
      commit(store, 1);
      Map<String, String> more = new java.util.LinkedHashMap<>(ID);
      more.put("spec.training.seed", "7");
      assertThat(store.latest(more)).isPresent();
      assertThat(warnings)
          .anyMatch(w -> w.contains("does not record spec.training.seed (an older trainer"));
    }
  }

  @Test
  void aSecondWriterGivesUpAfterItsWaitWithTheRetriedError() {
    try (CheckpointStore first = store(3)) {
      assertThatThrownBy(
              () -> new CheckpointStore(root, 3, FaultInjector.NONE, warnings::add, Duration.ZERO))
          .isInstanceOf(CheckpointBusyException.class)
          .hasMessageContaining("another trainer still holds the checkpoint folder")
          .hasMessageContaining("the Job retries");
    }
    store(3).close();
  }

  @Test
  void aSecondWriterTakesTheFolderWhenTheFirstLetsGo() throws Exception {
    CheckpointStore first = store(3);
    CompletableFuture<Void> released = new CompletableFuture<>();
    // The first store closes when the second says it waits: an event of the run, not a delay.
    Consumer<String> onWait =
        line -> {
          if (line.startsWith("waiting up to 600 s")) {
            first.close();
            released.complete(null);
          }
        };
    try (CheckpointStore second =
        new CheckpointStore(root, 3, FaultInjector.NONE, onWait, Duration.ofSeconds(600))) {
      assertThat(released).isDone();
      assertThat(commit(second, 1)).exists();
    }
  }

  @Test
  void aFullVolumeLeavesThePreviousCheckpointAndNoUnfinishedFolder() {
    try (CheckpointStore store = store(3)) {
      commit(store, 1);
      Map<String, CheckpointStore.Content> files = new LinkedHashMap<>(files(2));
      files.put(
          "optimizer.bin",
          out -> {
            out.write(new byte[1024]);
            throw new IOException("No space left on device");
          });
      assertThatThrownBy(() -> store.commit(new CheckpointName(2, 0), 20, ID, files))
          .isInstanceOf(CheckpointVolumeFullException.class)
          .hasMessageContaining("the checkpoint volume is full")
          .hasMessageContaining("raise spec.checkpoint.size")
          .hasMessageContaining("lower spec.checkpoint.keep (now 3)");
      try (Stream<Path> left = Files.list(root)) {
        assertThat(left.map(p -> p.getFileName().toString()))
            .containsExactlyInAnyOrder(".lock", "epoch-000001");
      }
      assertThat(store.latest(ID).orElseThrow().dir().getFileName().toString())
          .isEqualTo("epoch-000001");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Failed before: only the English texts of ENOSPC and EDQUOT were recognised. */
  @Test
  void aFullVolumeIsRecognisedByItsFreeSpaceWhateverTheErrorSays() throws IOException {
    try (CheckpointStore store =
        new CheckpointStore(
            root, 3, FaultInjector.NONE, warnings::add, Duration.ZERO, () -> 4096)) {
      Map<String, CheckpointStore.Content> files = new LinkedHashMap<>(files(2));
      files.put(
          "optimizer.bin",
          out -> {
            throw new IOException("Auf dem Gerät ist kein Speicherplatz mehr verfügbar");
          });
      assertThatThrownBy(() -> store.commit(new CheckpointName(2, 0), 20, ID, files))
          .isInstanceOf(CheckpointVolumeFullException.class);
    }
    try (CheckpointStore store =
        new CheckpointStore(
            root, 3, FaultInjector.NONE, warnings::add, Duration.ZERO, () -> Long.MAX_VALUE)) {
      Map<String, CheckpointStore.Content> files = new LinkedHashMap<>(files(2));
      files.put(
          "optimizer.bin",
          out -> {
            throw new IOException("Input/output error");
          });
      assertThatThrownBy(() -> store.commit(new CheckpointName(2, 0), 20, ID, files))
          .as("another I/O error on a volume with room")
          .isNotInstanceOf(CheckpointVolumeFullException.class)
          .isInstanceOf(UncheckedIOException.class);
    }
  }
}
