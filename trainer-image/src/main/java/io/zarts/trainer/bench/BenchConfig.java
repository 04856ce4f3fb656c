package io.zarts.trainer.bench;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One benchmark configuration: a supernet size and batch, with the alpha-update settings of the
 * reference (MGS N=4 candidates, M=10 inner steps). The same configurations run in
 * trainer-image/bench/reference_bench.py.
 */
public record BenchConfig(
    String name,
    int channels,
    int layers,
    int imageSize,
    int classes,
    int batch,
    int samples,
    int innerSteps,
    boolean alphaUpdates) {

  /**
   * tiny and small measure everything; full (the reference size) weight steps and memory only by
   * default.
   */
  public static List<BenchConfig> standard() {
    return List.of(
        new BenchConfig("tiny", 4, 3, 16, 4, 16, 4, 10, true),
        new BenchConfig("small", 8, 5, 32, 10, 32, 4, 10, true),
        new BenchConfig("full", 16, 8, 32, 10, 64, 4, 10, false));
  }

  /** A smoke test that runs every code path in seconds; its timings measure nothing. */
  public static final BenchConfig MICRO = new BenchConfig("micro", 2, 2, 8, 2, 4, 2, 1, true);

  /** The configuration of that name (tiny, small, full or micro), if any. */
  public static Optional<BenchConfig> named(String name) {
    return Stream.concat(standard().stream(), Stream.of(MICRO))
        .filter(c -> c.name().equals(name))
        .findFirst();
  }

  public BenchConfig withAlphaUpdates(boolean on) {
    return new BenchConfig(
        name, channels, layers, imageSize, classes, batch, samples, innerSteps, on);
  }

  /**
   * The ArchitectureSearch spec body (synthetic data of this shape) for an alpha algorithm and
   * batching mode.
   */
  String specYaml(String algorithm, String batching) {
    return """
          dataset:
            name: synthetic
            synthetic: {samples: %d, imageSize: %d, channels: 3, classes: %d}
          searchSpace: {name: darts-no-none, layers: %d, initChannels: %d}
          optimizer:
            algorithm: %s
            samples: %d
            innerSteps: %d
            innerBatchSize: %d
            warmupEpochs: 0
            candidateBatching: "%s"
          training: {epochs: 1, batchSize: %d, seed: 1}
        """
        .formatted(
            8 * batch,
            imageSize,
            classes,
            layers,
            channels,
            algorithm,
            samples,
            innerSteps,
            batch,
            batching,
            batch);
  }
}
