package io.zarts.trainer.alpha;

/**
 * Mean entropy (nats) of the per-edge operation distributions: high early, low once edges have
 * decided.
 */
public final class Entropy {

  private Entropy() {}

  public static double mean(double[][] weights) {
    double total = 0;
    for (double[] edge : weights) {
      for (double p : edge) {
        if (p > 0) {
          total -= p * Math.log(p);
        }
      }
    }
    return weights.length == 0 ? 0 : total / weights.length;
  }
}
