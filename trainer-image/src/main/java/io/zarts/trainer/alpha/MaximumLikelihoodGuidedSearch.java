package io.zarts.trainer.alpha;

import io.zarts.trainer.util.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * ZARTS-MGS (docs/algorithms.md §4): N proposals u_i = (1 - λ)(-G + σ z) + λ σ z' around the
 * first-order step -G, importance weights c_i = exp(-(L_i - L0) / τ) / (q_i + 1e-4) with q the
 * (unnormalised) mixture density, and the step A += Σ ĉ_i u_i with ĉ the normalised weights.
 * Everything is computed in log space in double precision, so no loss gap overflows. With
 * referenceParity the released code's density term λ exp(-||u||² σ² / 2) is used (its
 * operator-precedence slip); otherwise the intended λ exp(-||u||² / (2σ²)).
 */
public final class MaximumLikelihoodGuidedSearch implements ZeroOrderMethod {

  /** The reference's additive constant in the weights' denominator. */
  static final double DENSITY_FLOOR = 1e-4;

  private final int samples;
  private final double tau;
  private final double lambda;
  private final boolean referenceParity;

  public MaximumLikelihoodGuidedSearch(
      int samples, double tau, double lambda, boolean referenceParity) {
    this.samples = samples;
    this.tau = tau;
    this.lambda = lambda;
    this.referenceParity = referenceParity;
  }

  /** The step for one update, with the candidates' losses and normalised weights. */
  @Override
  public Proposal propose(AlphaObjective f, double sigma, Rng rng) {
    double[] g = f.gradient();
    double l0 = f.baseLoss();
    int d = g.length;
    List<double[]> proposals = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      double[] u = new double[d];
      for (int j = 0; j < d; j++) {
        double guided = -g[j] + sigma * rng.nextGaussian();
        double centred = sigma * rng.nextGaussian();
        u[j] = (1 - lambda) * guided + lambda * centred;
      }
      proposals.add(u);
    }
    double[] losses = f.losses(proposals);
    double[] logWeights = new double[samples];
    for (int i = 0; i < samples; i++) {
      logWeights[i] = -(losses[i] - l0) / tau - logDensityPlusFloor(proposals.get(i), g, sigma);
    }
    double[] weights = normalise(logWeights);
    double[] step = new double[d];
    for (int i = 0; i < samples; i++) {
      Vectors.addScaled(step, proposals.get(i), weights[i]);
    }
    return new Proposal(step, l0, losses, weights, effectiveSampleSize(weights));
  }

  /**
   * log(q(u) + 1e-4), q = (1 - λ) exp(-||u + G||² / 2σ²) + λ exp(-||u||² / 2σ²) (or the reference's
   * slip).
   */
  double logDensityPlusFloor(double[] u, double[] g, double sigma) {
    double shifted = 0;
    double plain = 0;
    for (int j = 0; j < u.length; j++) {
      shifted += (u[j] + g[j]) * (u[j] + g[j]);
      plain += u[j] * u[j];
    }
    double var = sigma * sigma;
    double guidedTerm =
        lambda < 1 ? Math.log(1 - lambda) - shifted / (2 * var) : Double.NEGATIVE_INFINITY;
    double centredExponent = referenceParity ? -plain / 2 * var : -plain / (2 * var);
    double centredTerm = lambda > 0 ? Math.log(lambda) + centredExponent : Double.NEGATIVE_INFINITY;
    return Vectors.logAddExp(Vectors.logAddExp(guidedTerm, centredTerm), Math.log(DENSITY_FLOOR));
  }

  /** Softmax of log weights in double precision: finite and summing to 1 for any finite input. */
  static double[] normalise(double[] logWeights) {
    double max = Double.NEGATIVE_INFINITY;
    for (double w : logWeights) {
      max = Math.max(max, w);
    }
    double[] out = new double[logWeights.length];
    double sum = 0;
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.exp(logWeights[i] - max);
      sum += out[i];
    }
    for (int i = 0; i < out.length; i++) {
      out[i] /= sum;
    }
    return out;
  }

  /** 1 / Σ ĉ²: N when the weights are uniform, 1 when one candidate takes all. */
  static double effectiveSampleSize(double[] weights) {
    double s = 0;
    for (double w : weights) {
      s += w * w;
    }
    return 1 / s;
  }
}
