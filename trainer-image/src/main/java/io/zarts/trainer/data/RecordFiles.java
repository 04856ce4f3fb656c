package io.zarts.trainer.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads fixed-size binary records (label bytes then 3 x 32 x 32 pixel bytes, as the CIFAR "binary
 * version") straight into the byte arrays of an {@link ImageSet}, through a small buffer: memory is
 * the images, nothing more.
 */
final class RecordFiles {

  static final int PIXELS = 3 * 32 * 32;

  private RecordFiles() {}

  /** Checks that the file exists and holds whole records; returns the record count. */
  static int count(Path file, int recordBytes, String format) {
    if (!Files.isRegularFile(file)) {
      throw new DataFormatException(file + ": file not found; expected " + format, true);
    }
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (size == 0 || size % recordBytes != 0) {
      throw new DataFormatException(
          file
              + ": size "
              + size
              + " bytes is not a whole number of "
              + recordBytes
              + "-byte records; expected "
              + format
              + " (the file may be truncated)",
          false);
    }
    return Math.toIntExact(size / recordBytes);
  }

  /**
   * Reads up to limit records into pixels/labels from offset; labelIndex picks which label byte is
   * the class; returns how many were read.
   */
  static int read(
      Path file,
      int recordBytes,
      int labelIndex,
      int classes,
      int limit,
      byte[] pixels,
      int[] labels,
      int offset,
      String format) {
    int labelBytes = recordBytes - PIXELS;
    byte[] record = new byte[recordBytes];
    int n = 0;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      while (n < limit && in.readNBytes(record, 0, recordBytes) == recordBytes) {
        int label = record[labelIndex] & 0xFF;
        if (label >= classes) {
          throw new DataFormatException(
              file
                  + ": record "
                  + n
                  + " has label "
                  + label
                  + " but "
                  + format
                  + " has "
                  + classes
                  + " classes",
              false);
        }
        labels[offset + n] = label;
        System.arraycopy(record, labelBytes, pixels, (offset + n) * PIXELS, PIXELS);
        n++;
      }
    } catch (IOException e) {
      throw new DataFormatException(file + ": cannot read: " + e.getMessage(), false);
    }
    return n;
  }

  /**
   * The whole-file count of several files, or an error naming the first missing or malformed one.
   */
  static int total(Path[] files, int recordBytes, String format) {
    long total = 0;
    for (Path f : files) {
      total += count(f, recordBytes, format);
    }
    return Math.toIntExact(total);
  }

  /** Reads several record files in order, stopping at limit images. */
  static ImageSetParts readAll(
      Path[] files, int recordBytes, int labelIndex, int classes, int limit, String format) {
    int total = Math.min(limit, total(files, recordBytes, format));
    byte[] pixels = new byte[total * PIXELS];
    int[] labels = new int[total];
    int offset = 0;
    for (Path f : files) {
      if (offset >= total) {
        break;
      }
      offset +=
          read(f, recordBytes, labelIndex, classes, total - offset, pixels, labels, offset, format);
    }
    return new ImageSetParts(pixels, labels);
  }

  record ImageSetParts(byte[] pixels, int[] labels) {}
}
