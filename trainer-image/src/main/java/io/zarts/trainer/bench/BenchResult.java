package io.zarts.trainer.bench;

import java.util.Map;

/**
 * What one configuration measured: median milliseconds per weight step and images per second; per
 * strategy the median milliseconds per alpha update with candidate batching off and on; and the
 * process's peak resident set size after the configuration ran (VmHWM; it only grows, so later rows
 * include earlier ones), and the number of candidate workers the alpha updates ran on.
 */
public record BenchResult(
    BenchConfig config,
    double weightStepMs,
    double imagesPerSecond,
    Map<String, double[]> alphaUpdateMs,
    long peakRssBytes,
    long weightStepArrays,
    Map<String, long[]> alphaUpdateArrays,
    int workers) {

  /** Sequential over batched alpha-update time of a strategy. */
  public double speedup(String strategy) {
    double[] ms = alphaUpdateMs.get(strategy);
    return ms[0] / ms[1];
  }
}
