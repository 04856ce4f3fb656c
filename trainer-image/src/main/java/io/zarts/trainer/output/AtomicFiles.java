package io.zarts.trainer.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Writes a file, or a folder of files, so that readers see the old or the new content, never a
 * half-written one or a mix of both: written under a unique temporary name, synced, renamed over
 * the old one, and the parent folder synced so the rename survives a crash. A failed write removes
 * its temporary copy and leaves the old content as it was.
 */
public final class AtomicFiles {

  private static final AtomicLong COUNTER = new AtomicLong();

  private AtomicFiles() {}

  /** Writes one file's content. */
  @FunctionalInterface
  public interface Content {
    void write(OutputStream out) throws IOException;
  }

  public static void write(Path file, String content) {
    write(file, content.getBytes(StandardCharsets.UTF_8));
  }

  public static void write(Path file, byte[] content) {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createFile(uniqueSibling(target));
      writeSynced(temp, out -> out.write(content));
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temp = null;
      syncDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /**
   * Writes the folder with exactly these files (in map order), replacing a folder of that name as a
   * whole: the old one is moved aside only once the new one is complete, and deleted once the new
   * one has its name.
   */
  public static void writeFolder(Path folder, Map<String, Content> files) {
    Path target = folder.toAbsolutePath();
    Path parent = target.getParent();
    String name = target.getFileName().toString();
    Path staged = null;
    Path aside = null;
    try {
      Files.createDirectories(parent);
      removeLeftovers(parent, name);
      staged = Files.createDirectory(uniqueSibling(target));
      for (Map.Entry<String, Content> file : files.entrySet()) {
        writeSynced(staged.resolve(file.getKey()), file.getValue());
      }
      syncDirectory(staged);
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        aside = Files.createDirectory(uniqueSibling(target));
        Files.move(target, aside.resolve(name), StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
      staged = null;
      syncDirectory(parent);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the folder " + folder + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(staged);
      deleteQuietly(aside);
    }
  }

  /**
   * A hidden name beside target that no other write uses: this process's id and a counter. Not
   * Files.createTemp*, whose owner-only permissions would hide the result from a reader running as
   * another user (a model server reading the claim); these get the umask's, as the old file had.
   */
  private static Path uniqueSibling(Path target) {
    return target.resolveSibling(
        "."
            + target.getFileName()
            + "."
            + ProcessHandle.current().pid()
            + "-"
            + COUNTER.incrementAndGet()
            + ".tmp");
  }

  /** What an earlier writeFolder of that name left when its process stopped half-way. */
  private static void removeLeftovers(Path parent, String name) throws IOException {
    Pattern ours = Pattern.compile(Pattern.quote("." + name + ".") + "\\d+-\\d+\\.tmp");
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(parent, p -> ours.matcher(p.getFileName().toString()).matches())) {
      for (Path p : entries) {
        deleteQuietly(p);
      }
    }
  }

  private static void writeSynced(Path file, Content content) throws IOException {
    try (FileChannel channel =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        OutputStream out = Channels.newOutputStream(channel)) {
      content.write(out);
      out.flush();
      channel.force(true);
    }
  }

  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** Removes a temporary file or folder; what cannot be removed is only a hidden leftover. */
  private static void deleteQuietly(Path path) {
    if (path == null) {
      return;
    }
    try {
      if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
          for (Path p : entries) {
            deleteQuietly(p);
          }
        }
      }
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // A hidden leftover; the next write of the same target makes its own.
    }
  }
}
