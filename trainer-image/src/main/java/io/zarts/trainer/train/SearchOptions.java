package io.zarts.trainer.train;

import ai.djl.Device;
import io.zarts.trainer.devices.DevicePool;
import java.nio.file.Path;

/**
 * Where a search reads its data and writes its results, and where it computes. dataDir is the
 * folder with the dataset files (already resolved with the resource's subPath); outDir is the
 * search's own output folder; devices the candidate workers, the first of which is the device the
 * search runs on.
 */
public record SearchOptions(Path dataDir, Path outDir, DevicePool devices) {

  /** One device, one candidate worker. */
  public SearchOptions(Path dataDir, Path outDir, Device device) {
    this(dataDir, outDir, DevicePool.single(device));
  }

  /** The primary device: weights, weight steps and the first candidate worker. */
  public Device device() {
    return devices.primary();
  }
}
