package io.zarts.trainer.train;

import ai.djl.Device;
import java.nio.file.Path;

/**
 * Where a search reads its data and writes its results, and where it computes. dataDir is the
 * folder with the dataset files (already resolved with the resource's subPath); outDir is the
 * search's own output folder.
 */
public record SearchOptions(Path dataDir, Path outDir, Device device) {}
