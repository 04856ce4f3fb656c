package io.zarts.trainer.alpha;

import io.zarts.trainer.util.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * ZARTS-GLD (docs/algorithms.md §6, GLD-Search of Golovin et al. 2020): candidates A + r_k v_k for
 * the radii r_k = R / 2^k from R down to r (v_k uniform on the unit sphere of each alpha tensor);
 * the best candidate is taken only if it beats not moving, otherwise the alphas stay. "Not moving"
 * is u = 0 with the candidates' inner steps on the same batches (L0 only when candidates get no
 * inner steps, as under referenceParity): comparing trained candidates with the untrained L0 would
 * accept a move for the fine-tuning gain alone.
 */
public final class GradientlessDescent implements ZeroOrderMethod {

  private final double maxRadius;
  private final double minRadius;

  public GradientlessDescent(double maxRadius, double minRadius) {
    this.maxRadius = maxRadius;
    this.minRadius = minRadius;
  }

  /**
   * Number of radii: every r_k = R / 2^k that is not below r, k = 0, 1, …, at least 1 (5 for the
   * defaults 0.25 and 1/64, the last of them r itself; 15 for the plotting script's 0.13 and
   * 4.69e-6). Golovin et al.'s K = log2(R / r) with k = 0 … K, as the script's range(int(K + 1)).
   */
  public int radii() {
    int n = 1;
    // A relative tolerance, so that R / 2^k equal to r up to rounding still counts.
    while (radius(n) >= minRadius * (1 - 1e-9)) {
      n++;
    }
    return n;
  }

  /** r_k = R / 2^k. */
  public double radius(int k) {
    return maxRadius / Math.pow(2, k);
  }

  /**
   * The best candidate's offset, or zero when none beat L0; sigma is not used (the radii are
   * fixed).
   */
  @Override
  public Proposal propose(AlphaObjective f, double sigma, Rng rng) {
    List<double[]> candidates = new ArrayList<>();
    for (int k = 0; k < radii(); k++) {
      candidates.add(Vectors.scale(Vectors.unitPerBlock(rng, f.blocks()), radius(k)));
    }
    AlphaObjective.Scored scored = f.scoreAgainstNoMove(candidates);
    double l0 = scored.reference();
    double[] losses = scored.losses();
    int best = -1;
    double bestLoss = l0;
    for (int k = 0; k < losses.length; k++) {
      if (losses[k] < bestLoss) {
        bestLoss = losses[k];
        best = k;
      }
    }
    double[] step = best < 0 ? new double[f.dimension()] : candidates.get(best);
    return Proposal.unweighted(step, l0, losses);
  }
}
