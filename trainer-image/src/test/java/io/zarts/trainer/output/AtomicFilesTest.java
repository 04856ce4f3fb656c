package io.zarts.trainer.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files and folders replaced whole: the old content or the new, never a mix, nothing left over. */
class AtomicFilesTest {

  @TempDir Path dir;

  static AtomicFiles.Content text(String s) {
    return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
  }

  static Map<String, AtomicFiles.Content> model(String version) {
    Map<String, AtomicFiles.Content> files = new LinkedHashMap<>();
    files.put("weights.ndlist", text("weights " + version));
    files.put("model.json", text("card " + version));
    return files;
  }

  private String[] entries() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }

  @Test
  void aFolderIsReplacedWhole() throws IOException {
    Path model = dir.resolve("model");
    AtomicFiles.writeFolder(model, model("1"));
    Files.writeString(model.resolve("stale.txt"), "from an older release");
    AtomicFiles.writeFolder(model, model("2"));
    assertThat(Files.readString(model.resolve("weights.ndlist"))).isEqualTo("weights 2");
    assertThat(Files.readString(model.resolve("model.json"))).isEqualTo("card 2");
    assertThat(model.resolve("stale.txt")).doesNotExist();
    assertThat(entries()).containsExactly("model");
  }

  /**
   * A write that stops after the weights (as a crash or a full disk would) leaves the old folder as
   * it was. Failed before: the folder was three separately replaced files, so new weights stood
   * beside the old model.json.
   */
  @Test
  void aWriteThatFailsHalfWayLeavesTheOldFolderAndNoLeftover() throws IOException {
    Path model = dir.resolve("model");
    AtomicFiles.writeFolder(model, model("1"));
    Map<String, AtomicFiles.Content> failing = model("2");
    failing.put(
        "model.json",
        out -> {
          throw new IOException("No space left on device");
        });
    assertThatThrownBy(() -> AtomicFiles.writeFolder(model, failing))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("No space left on device");
    assertThat(Files.readString(model.resolve("weights.ndlist"))).isEqualTo("weights 1");
    assertThat(Files.readString(model.resolve("model.json"))).isEqualTo("card 1");
    assertThat(entries()).containsExactly("model");
  }

  @Test
  void leftoversOfAnEarlierStoppedWriteAreRemoved() throws IOException {
    Path model = dir.resolve("model");
    Files.createDirectories(dir.resolve(".model.12345-1.tmp"));
    Files.createDirectories(dir.resolve(".model.678-2.tmp/model"));
    // Another target's temporary file with the same prefix is not this folder's leftover.
    Files.writeString(dir.resolve(".model.json.5-6.tmp"), "model.json's, being written");
    AtomicFiles.writeFolder(model, model("1"));
    assertThat(entries()).containsExactly(".model.json.5-6.tmp", "model");
  }

  /** Failed with Files.createTemp*: owner-only permissions on the model folder and its files. */
  @Test
  void whatIsWrittenKeepsTheUsualPermissions() throws IOException {
    Path model = dir.resolve("model");
    AtomicFiles.writeFolder(model, model("1"));
    Path plain = Files.createDirectory(dir.resolve("plain"));
    Path plainFile = Files.createFile(dir.resolve("plain.txt"));
    assertThat(Files.getPosixFilePermissions(model))
        .isEqualTo(Files.getPosixFilePermissions(plain));
    assertThat(Files.getPosixFilePermissions(model.resolve("model.json")))
        .isEqualTo(Files.getPosixFilePermissions(plainFile));
    Path file = dir.resolve("progress.json");
    AtomicFiles.write(file, "{}");
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(Files.getPosixFilePermissions(plainFile));
  }

  @Test
  void aFileWriteUsesItsOwnTemporaryNameAndLeavesNoneBehind() throws IOException {
    Path file = dir.resolve("progress.json");
    // A temporary file under the old fixed name, as another writer might have left it.
    Files.writeString(dir.resolve(".progress.json.tmp"), "someone else's");
    AtomicFiles.write(file, "{\"epoch\":1}");
    AtomicFiles.write(file, "{\"epoch\":2}");
    assertThat(Files.readString(file)).isEqualTo("{\"epoch\":2}");
    assertThat(Files.readString(dir.resolve(".progress.json.tmp"))).isEqualTo("someone else's");
    assertThat(entries()).containsExactly(".progress.json.tmp", "progress.json");
  }
}
