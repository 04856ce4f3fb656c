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
   * Number of radii: ceil(log2(R / r)), at least 1 (4 for the defaults 0.25 and 1/64; 15 for the
   * plotting script's 0.13 and 4.69e-6).
   */
  public int radii() {
    return Math.max(1, (int) Math.ceil(Math.log(maxRadius / minRadius) / Math.log(2)));
  }

  /**
   * The best candidate's offset, or zero when none beat L0; sigma is not used (the radii are
   * fixed).
   */
  @Override
  public Proposal propose(AlphaObjective f, double sigma, Rng rng) {
    List<double[]> candidates = new ArrayList<>();
    for (int k = 0; k < radii(); k++) {
      candidates.add(
          Vectors.scale(Vectors.unitPerBlock(rng, f.blocks()), maxRadius / Math.pow(2, k)));
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
