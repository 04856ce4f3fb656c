package io.zarts.trainer.alpha;

import io.zarts.trainer.util.Rng;

/**
 * Small double-precision vector helpers for the zero-order methods (dimension ~200: host math is
 * cheap).
 */
final class Vectors {

  private Vectors() {}

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  static double[] scale(double[] a, double k) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] * k;
    }
    return out;
  }

  static void addScaled(double[] target, double[] a, double k) {
    for (int i = 0; i < a.length; i++) {
      target[i] += k * a[i];
    }
  }

  /** Standard normal vector. */
  static double[] gaussian(Rng rng, int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = rng.nextGaussian();
    }
    return out;
  }

  /**
   * A direction that is uniform on the unit sphere of each block separately (each alpha tensor).
   */
  static double[] unitPerBlock(Rng rng, int[] blocks) {
    int n = 0;
    for (int b : blocks) {
      n += b;
    }
    double[] v = gaussian(rng, n);
    int offset = 0;
    for (int b : blocks) {
      double s = 0;
      for (int i = offset; i < offset + b; i++) {
        s += v[i] * v[i];
      }
      double inv = 1 / Math.sqrt(s);
      for (int i = offset; i < offset + b; i++) {
        v[i] *= inv;
      }
      offset += b;
    }
    return v;
  }

  /** log(exp(a) + exp(b)) without overflow. */
  static double logAddExp(double a, double b) {
    if (a == Double.NEGATIVE_INFINITY) {
      return b;
    }
    if (b == Double.NEGATIVE_INFINITY) {
      return a;
    }
    double m = Math.max(a, b);
    return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
  }
}
