package io.zarts.trainer.alpha;

/**
 * How far a cell's alphas have moved from uniform: the largest spread (max - min softmax weight) of
 * one edge's operations. 0 for alphas that never moved; 1 for an edge decided completely.
 */
public final class WeightSpread {

  private WeightSpread() {}

  /** weights: rows per edge, the softmax weights of its operations. */
  public static double largest(double[][] weights) {
    double largest = 0;
    for (double[] edge : weights) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (double w : edge) {
        min = Math.min(min, w);
        max = Math.max(max, w);
      }
      largest = Math.max(largest, max - min);
    }
    return largest;
  }
}
