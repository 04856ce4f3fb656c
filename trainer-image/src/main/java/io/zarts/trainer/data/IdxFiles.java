package io.zarts.trainer.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The IDX files of MNIST and Fashion-MNIST, gzipped or not: a big-endian header (magic 0x00000803
 * and count, rows, columns for images; 0x00000801 and count for labels), then one unsigned byte per
 * pixel or label.
 */
final class IdxFiles {

  private static final int IMAGES_MAGIC = 0x00000803;
  private static final int LABELS_MAGIC = 0x00000801;

  /** Images as bytes [N, rows, cols] row-major, with their shape. */
  record Images(byte[] pixels, int count, int rows, int cols) {}

  private IdxFiles() {}

  /** name or name.gz in dir, whichever exists (the plain file first). */
  static Path find(Path dir, String name) {
    Path plain = dir.resolve(name);
    if (Files.exists(plain)) {
      return plain;
    }
    Path gz = dir.resolve(name + ".gz");
    if (Files.exists(gz)) {
      return gz;
    }
    throw new DataFormatException(
        "dataset file " + plain + " (or " + gz.getFileName() + ") not found", true);
  }

  static Images images(Path file, int limit) {
    try (DataInputStream in = open(file)) {
      expectMagic(in, IMAGES_MAGIC, file, "images");
      int count = in.readInt();
      int rows = in.readInt();
      int cols = in.readInt();
      int n = Math.min(count, limit);
      byte[] pixels = new byte[Math.multiplyExact(n, rows * cols)];
      in.readFully(pixels);
      return new Images(pixels, n, rows, cols);
    } catch (IOException e) {
      throw new DataFormatException(file + ": cannot read IDX images: " + e.getMessage(), false);
    }
  }

  static int[] labels(Path file, int limit, int classes) {
    try (DataInputStream in = open(file)) {
      expectMagic(in, LABELS_MAGIC, file, "labels");
      int n = Math.min(in.readInt(), limit);
      int[] labels = new int[n];
      for (int i = 0; i < n; i++) {
        labels[i] = in.readUnsignedByte();
        if (labels[i] >= classes) {
          throw new DataFormatException(
              file + ": label " + labels[i] + " at record " + i + " is not below " + classes,
              false);
        }
      }
      return labels;
    } catch (IOException e) {
      throw new DataFormatException(file + ": cannot read IDX labels: " + e.getMessage(), false);
    }
  }

  private static DataInputStream open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file));
    raw.mark(2);
    boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
    raw.reset();
    return new DataInputStream(new BufferedInputStream(gzip ? new GZIPInputStream(raw) : raw));
  }

  private static void expectMagic(DataInputStream in, int magic, Path file, String what)
      throws IOException {
    int found = in.readInt();
    if (found != magic) {
      throw new DataFormatException(
          String.format(
              "%s: not an IDX %s file (magic 0x%08x, expected 0x%08x)", file, what, found, magic),
          false);
    }
  }
}
