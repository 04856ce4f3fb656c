package io.zarts.trainer.alpha;

import io.zarts.trainer.util.Rng;
import java.util.List;

/**
 * A known objective standing in for the supernet: f(x) plus noise that is shared by all candidates
 * of one update (common random numbers) and redrawn between updates, with its exact gradient.
 */
final class AnalyticObjective implements AlphaObjective {

  interface Function {
    double value(double[] x);

    double[] gradient(double[] x);
  }

  private final Function f;
  private final double[] x;
  private final int[] blocks;
  private final double noise;
  private final Rng rng;
  private double currentNoise;
  int evaluations;

  AnalyticObjective(Function f, double[] start, double noise, long seed) {
    this.f = f;
    this.x = start.clone();
    this.blocks = new int[] {start.length / 2, start.length - start.length / 2};
    this.noise = noise;
    this.rng = new Rng(seed);
    nextUpdate();
  }

  /** Draws the noise of the next update. */
  void nextUpdate() {
    currentNoise = noise * rng.nextGaussian();
  }

  void apply(double[] step) {
    Vectors.addScaled(x, step, 1);
  }

  double value() {
    return f.value(x);
  }

  double[] x() {
    return x.clone();
  }

  @Override
  public int[] blocks() {
    return blocks;
  }

  @Override
  public double baseLoss() {
    return f.value(x) + currentNoise;
  }

  @Override
  public double[] gradient() {
    return f.gradient(x);
  }

  @Override
  public double[] losses(List<double[]> perturbations) {
    double[] out = new double[perturbations.size()];
    for (int i = 0; i < out.length; i++) {
      double[] y = x.clone();
      Vectors.addScaled(y, perturbations.get(i), 1);
      out[i] = f.value(y) + currentNoise;
      evaluations++;
    }
    return out;
  }

  /** 1/2 sum h_i x_i^2 with curvatures spread over [lo, hi]. */
  static Function bowl(int d, double lo, double hi) {
    double[] h = new double[d];
    for (int i = 0; i < d; i++) {
      h[i] = lo + (hi - lo) * i / Math.max(1, d - 1);
    }
    return new Function() {
      @Override
      public double value(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
          s += 0.5 * h[i] * x[i] * x[i];
        }
        return s;
      }

      @Override
      public double[] gradient(double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
          g[i] = h[i] * x[i];
        }
        return g;
      }
    };
  }

  /** A narrow curved valley (Rosenbrock-like in pairs): sum (1 - a)^2 + 20 (b - a^2)^2. */
  static Function valley() {
    return new Function() {
      @Override
      public double value(double[] x) {
        double s = 0;
        for (int i = 0; i + 1 < x.length; i += 2) {
          double a = x[i];
          double b = x[i + 1];
          s += (1 - a) * (1 - a) + 20 * (b - a * a) * (b - a * a);
        }
        return s;
      }

      @Override
      public double[] gradient(double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i + 1 < x.length; i += 2) {
          double a = x[i];
          double b = x[i + 1];
          g[i] = -2 * (1 - a) - 80 * a * (b - a * a);
          g[i + 1] = 40 * (b - a * a);
        }
        return g;
      }
    };
  }

  /** g . x: its gradient is g everywhere. */
  static Function linear(double[] g) {
    return new Function() {
      @Override
      public double value(double[] x) {
        return Vectors.dot(g, x);
      }

      @Override
      public double[] gradient(double[] x) {
        return g.clone();
      }
    };
  }

  static double[] start(int d, double scale, long seed) {
    Rng r = new Rng(seed);
    double[] x = new double[d];
    for (int i = 0; i < d; i++) {
      x[i] = scale * r.nextGaussian();
    }
    return x;
  }
}
