package io.zarts.trainer.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Crash-safe checkpoints in one folder (docs/architecture.md §2.2). A commit writes every file into
 * a temporary folder and fsyncs it, writes MANIFEST.json (sizes and SHA-256 of the files) last and
 * fsyncs it, renames the folder atomically to its final name and fsyncs the parent. A checkpoint is
 * therefore either complete under its final name or absent. One trainer at a time holds the
 * folder's lock.
 */
public final class CheckpointStore implements AutoCloseable {

  public static final int FORMAT_VERSION = 1;
  public static final String MANIFEST = "MANIFEST.json";
  private static final String TMP_PREFIX = ".tmp-";

  /** A checkpoint being replaced by a new one of the same name. */
  private static final String ASIDE_PREFIX = ".replaced-";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Writes one file's content. */
  @FunctionalInterface
  public interface Content {
    void write(OutputStream out) throws IOException;
  }

  /** A verified checkpoint. */
  public record Loaded(Path dir, Manifest manifest) {
    public InputStream open(String file) throws IOException {
      return Files.newInputStream(dir.resolve(file));
    }
  }

  private final Path root;
  private final int keep;
  private final FaultInjector faults;
  private final Consumer<String> warnings;
  private final CheckpointLock lock;
  private final LongSupplier usableSpace;

  /** Takes the folder's lock, waiting as long as the environment says (60 s by default). */
  public CheckpointStore(Path root, int keep, FaultInjector faults, Consumer<String> warnings) {
    this(root, keep, faults, warnings, CheckpointLock.waitFromEnvironment());
  }

  public CheckpointStore(
      Path root, int keep, FaultInjector faults, Consumer<String> warnings, Duration lockWait) {
    this(root, keep, faults, warnings, lockWait, null);
  }

  /** With the probe of the volume's usable bytes (null: the file store's own). */
  CheckpointStore(
      Path root,
      int keep,
      FaultInjector faults,
      Consumer<String> warnings,
      Duration lockWait,
      LongSupplier usableSpace) {
    this.root = root.toAbsolutePath().normalize();
    this.usableSpace = usableSpace != null ? usableSpace : () -> usableBytes(this.root);
    this.keep = keep;
    this.faults = faults;
    this.warnings = warnings;
    try {
      Files.createDirectories(this.root);
    } catch (IOException e) {
      throw new CheckpointException(
          "cannot open checkpoint folder " + this.root + ": " + e.getMessage(), e);
    }
    this.lock = CheckpointLock.acquire(this.root, lockWait, warnings);
  }

  public Path root() {
    return root;
  }

  /**
   * The newest checkpoint that verifies, after removing leftover temporary folders. Corrupt or
   * partial ones are renamed to NAME.corrupt with a warning; one written by an incompatible search
   * or format stops everything.
   */
  public Optional<Loaded> latest(Map<String, String> identity) {
    recoverSetAside();
    removeTemporaryFolders();
    List<CheckpointName> names = names();
    names.sort(CheckpointName.ORDER.reversed());
    for (CheckpointName name : names) {
      Path dir = root.resolve(name.toString());
      Manifest manifest;
      try {
        manifest = verify(dir);
      } catch (IOException | RuntimeException e) {
        warnings.accept(
            "checkpoint "
                + dir
                + " is corrupt or partial and is skipped (renamed to "
                + name
                + ".corrupt): "
                + e.getMessage());
        quarantine(dir);
        continue;
      }
      if (manifest.formatVersion() > FORMAT_VERSION) {
        throw new CheckpointException(
            "checkpoint "
                + dir
                + " has format version "
                + manifest.formatVersion()
                + " but this trainer reads up to "
                + FORMAT_VERSION
                + ": run a newer trainer image");
      }
      checkIdentity(dir, manifest, identity);
      return Optional.of(new Loaded(dir, manifest));
    }
    return Optional.empty();
  }

  /**
   * Refuses a checkpoint whose identity differs from this search's in any recorded field. A field
   * the checkpoint does not record (written by an older trainer) is taken as this search's, with a
   * warning: the streams' own checks still refuse another data split.
   */
  private void checkIdentity(Path dir, Manifest manifest, Map<String, String> identity) {
    for (Map.Entry<String, String> e : identity.entrySet()) {
      String saved = manifest.identity() == null ? null : manifest.identity().get(e.getKey());
      if (saved == null) {
        warnings.accept(
            "checkpoint "
                + dir
                + " does not record "
                + e.getKey()
                + " (an older trainer wrote it); resuming it with this search's "
                + e.getValue());
      } else if (!e.getValue().equals(saved)) {
        throw new CheckpointMismatchException(
            "checkpoint "
                + dir
                + " belongs to a different search ("
                + e.getKey()
                + " "
                + saved
                + ", this search has "
                + e.getValue()
                + "): to start afresh, use a new output folder (a new checkpoint claim on a"
                + " cluster); to resume it, set "
                + e.getKey()
                + " back to "
                + saved
                + ". Nothing was deleted.");
      }
    }
  }

  /**
   * Commits a checkpoint under the given name; returns its folder. Files are written in map order.
   */
  public Path commit(
      CheckpointName name,
      long globalStep,
      Map<String, String> identity,
      Map<String, Content> files) {
    Path tmp = root.resolve(TMP_PREFIX + name + "-" + ProcessHandle.current().pid());
    Path target = root.resolve(name.toString());
    try {
      faults.reached("checkpoint:begin");
      deleteRecursively(tmp);
      Files.createDirectories(tmp);
      Map<String, Manifest.FileEntry> entries = new LinkedHashMap<>();
      for (Map.Entry<String, Content> file : files.entrySet()) {
        entries.put(file.getKey(), writeSynced(tmp.resolve(file.getKey()), file.getValue()));
        faults.reached("checkpoint:file:" + file.getKey());
      }
      faults.reached("checkpoint:manifest");
      Manifest manifest =
          new Manifest(
              FORMAT_VERSION,
              name.toString(),
              name.epoch(),
              name.step(),
              globalStep,
              Instant.now().toString(),
              System.getenv().getOrDefault("HOSTNAME", "local"),
              identity,
              entries);
      writeSynced(
          tmp.resolve(MANIFEST),
          out -> out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest)));
      syncDirectory(tmp);
      Path aside = null;
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        // Re-taking the same checkpoint (e.g. SIGTERM right after a periodic one): the old one is
        // moved aside, not deleted, until the new one has its name, so that a crash at any moment
        // leaves a complete checkpoint that the next start finds (recoverSetAside).
        aside = root.resolve(ASIDE_PREFIX + name);
        deleteRecursively(aside);
        Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
        faults.reached("checkpoint:aside");
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      faults.reached("checkpoint:rename");
      syncDirectory(root);
      if (aside != null) {
        faults.reached("checkpoint:replaced");
        deleteRecursively(aside);
      }
      retain(name);
      return target;
    } catch (IOException e) {
      // Measured before the unfinished folder frees its space again.
      long usable = usableSpace.getAsLong();
      removeQuietly(tmp);
      if (CheckpointVolumeFullException.isOutOfSpace(e, usable)) {
        throw new CheckpointVolumeFullException(
            "the checkpoint volume is full: cannot write checkpoint "
                + name
                + " to "
                + root
                + " ("
                + e.getMessage()
                + "). The unfinished checkpoint was removed and the previous one is intact. Give"
                + " the search more room: raise spec.checkpoint.size (the operator expands the"
                + " claim where its storage class allows it) or lower spec.checkpoint.keep (now "
                + keep
                + ")",
            e);
      }
      throw new UncheckedIOException(
          "cannot write checkpoint " + target + ": " + e.getMessage(), e);
    }
  }

  private static long usableBytes(Path root) {
    try {
      return Files.getFileStore(root).getUsableSpace();
    } catch (IOException e) {
      return Long.MAX_VALUE; // unknown: the error's text alone decides
    }
  }

  /** Frees the space of an unfinished checkpoint; what cannot be removed goes at the next start. */
  private static void removeQuietly(Path tmp) {
    try {
      deleteRecursively(tmp);
    } catch (IOException e) {
      // removeTemporaryFolders() retries when the trainer starts again.
    }
  }

  /** Keeps the newest `keep` checkpoints; never the one just committed. */
  private void retain(CheckpointName committed) throws IOException {
    List<CheckpointName> names = names();
    names.sort(CheckpointName.ORDER.reversed());
    for (int i = keep; i < names.size(); i++) {
      if (!names.get(i).equals(committed)) {
        deleteRecursively(root.resolve(names.get(i).toString()));
      }
    }
  }

  /** Checks the manifest and every file's size and hash. */
  static Manifest verify(Path dir) throws IOException {
    Path manifestFile = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(manifestFile, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("no " + MANIFEST);
    }
    Manifest manifest = JSON.readValue(manifestFile.toFile(), Manifest.class);
    if (manifest.files() == null || manifest.files().isEmpty()) {
      throw new IOException(MANIFEST + " lists no files");
    }
    for (Map.Entry<String, Manifest.FileEntry> e : manifest.files().entrySet()) {
      Path file = dir.resolve(e.getKey()).normalize();
      if (!file.startsWith(dir) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException("missing file " + e.getKey());
      }
      if (Files.size(file) != e.getValue().bytes()) {
        throw new IOException(
            e.getKey()
                + " has "
                + Files.size(file)
                + " bytes, the manifest says "
                + e.getValue().bytes());
      }
      if (!sha256(file).equals(e.getValue().sha256())) {
        throw new IOException(e.getKey() + " does not match its SHA-256");
      }
    }
    return manifest;
  }

  private List<CheckpointName> names() {
    List<CheckpointName> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
      for (Path p : entries) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          CheckpointName.parse(p.getFileName().toString()).ifPresent(names::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }

  /**
   * A checkpoint set aside by a replacement that did not finish: it takes its name back when the
   * new one never got it, and is deleted when the new one did.
   */
  private void recoverSetAside() {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, ASIDE_PREFIX + "*")) {
      for (Path p : entries) {
        Path original = root.resolve(p.getFileName().toString().substring(ASIDE_PREFIX.length()));
        if (Files.exists(original, LinkOption.NOFOLLOW_LINKS)) {
          deleteRecursively(p);
        } else {
          warnings.accept(
              "the replacement of checkpoint "
                  + original
                  + " did not finish; the previous one is kept");
          Files.move(p, original, StandardCopyOption.ATOMIC_MOVE);
        }
      }
      syncDirectory(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void removeTemporaryFolders() {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, TMP_PREFIX + "*")) {
      for (Path p : entries) {
        warnings.accept("removing the unfinished checkpoint " + p);
        deleteRecursively(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void quarantine(Path dir) {
    try {
      Path target = dir.resolveSibling(dir.getFileName() + ".corrupt");
      deleteRecursively(target);
      Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      warnings.accept("cannot rename " + dir + ": " + e.getMessage());
    }
  }

  private static Manifest.FileEntry writeSynced(Path file, Content content) throws IOException {
    MessageDigest digest = sha256();
    try (FileChannel channel =
            FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), digest)) {
      content.write(out);
      out.flush();
      channel.force(true);
    }
    return new Manifest.FileEntry(HexFormat.of().formatHex(digest.digest()), Files.size(file));
  }

  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest = sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
        for (Path p : entries) {
          deleteRecursively(p);
        }
      }
    }
    Files.delete(path);
  }

  @Override
  public void close() {
    lock.close();
  }
}
