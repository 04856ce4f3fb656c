package io.zarts.trainer.checkpoint;

import java.util.Map;

/**
 * MANIFEST.json, written last: the format version, where in the run the checkpoint was taken, the
 * search's identity (what must match to resume), who wrote it, and the size and SHA-256 of every
 * file.
 */
public record Manifest(
    int formatVersion,
    String name,
    int epoch,
    int step,
    long globalStep,
    String createdAt,
    String writer,
    Map<String, String> identity,
    Map<String, FileEntry> files) {

  /** One file of the checkpoint. */
  public record FileEntry(String sha256, long bytes) {}
}
