package io.zarts.trainer.alpha;

import io.zarts.api.v1alpha1.Directions;
import io.zarts.trainer.util.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * ZARTS-RS (docs/algorithms.md §5): a zero-order gradient estimate from N random directions v_i,
 * per alpha tensor uniform on its unit sphere (scale φ = the tensor's size) or standard normal (φ =
 * 1). Antithetic: ĝ = φ / (2δN) Σ (L(A + δv) - L(A - δv)) v, the textbook scale, which is also what
 * the released plotting script computes (it resets φ in every pass of its loop before halving it);
 * one-sided: ĝ = φ / (δN) Σ (L(A + δv) - L(A)) v, where L(A) is u = 0 with the candidates' inner
 * steps on the same batches (L0 only without inner steps): against the untrained L0 every direction
 * would look downhill by the fine-tuning gain. Step: A -= η ĝ.
 */
public final class RandomSearchMethod implements ZeroOrderMethod {

  private final int samples;
  private final double delta;
  private final double learningRate;
  private final Directions directions;
  private final boolean antithetic;

  public RandomSearchMethod(
      int samples, double delta, double learningRate, Directions directions, boolean antithetic) {
    this.samples = samples;
    this.delta = delta;
    this.learningRate = learningRate;
    this.directions = directions;
    this.antithetic = antithetic;
  }

  /** The step -η ĝ; sigma is not used (δ is the probing radius). */
  @Override
  public Proposal propose(AlphaObjective f, double sigma, Rng rng) {
    int[] blocks = f.blocks();
    int d = f.dimension();
    List<double[]> directionsDrawn = new ArrayList<>();
    List<double[]> candidates = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      double[] v =
          directions == Directions.UNIFORM
              ? Vectors.unitPerBlock(rng, blocks)
              : Vectors.gaussian(rng, d);
      directionsDrawn.add(v);
      candidates.add(Vectors.scale(v, delta));
      if (antithetic) {
        candidates.add(Vectors.scale(v, -delta));
      }
    }
    double l0;
    double[] losses;
    if (antithetic) {
      // Both sides of each pair are trained alike: their difference needs no reference.
      l0 = f.baseLoss();
      losses = f.losses(candidates);
    } else {
      AlphaObjective.Scored scored = f.scoreAgainstNoMove(candidates);
      l0 = scored.reference();
      losses = scored.losses();
    }
    double[] gradient = new double[d];
    for (int i = 0; i < samples; i++) {
      double difference = antithetic ? losses[2 * i] - losses[2 * i + 1] : losses[i] - l0;
      double[] v = directionsDrawn.get(i);
      int offset = 0;
      for (int b : blocks) {
        double phi = directions == Directions.UNIFORM ? b : 1;
        double k = phi / ((antithetic ? 2 : 1) * delta * samples) * difference;
        for (int j = offset; j < offset + b; j++) {
          gradient[j] += k * v[j];
        }
        offset += b;
      }
    }
    return Proposal.unweighted(Vectors.scale(gradient, -learningRate), l0, losses);
  }
}
