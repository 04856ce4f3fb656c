package io.zarts.trainer.alpha;

import java.util.List;

/**
 * The black box f(A) = L_val(w*(A), A) that ZARTS optimises, seen through one alpha update: the
 * loss at the current alphas, the first-order gradient there, and losses at perturbed alphas A + u.
 * Vectors are flat: the normal cell's alphas then the reduction cell's ({@link #blocks()} gives the
 * sizes). All candidates of one update are scored with the same data (common random numbers), so
 * their differences are low-variance.
 */
public interface AlphaObjective {

  /** Sizes of the alpha tensors in the flat vector, e.g. [14 * 7, 14 * 7]. */
  int[] blocks();

  /** L0 = f(A). */
  double baseLoss();

  /** dL0/dA, the first-order (DARTS) alpha gradient at the current weights. */
  double[] gradient();

  /** f(A + u) for each perturbation, in order. */
  double[] losses(List<double[]> perturbations);

  /** Dimension of the flat vector. */
  default int dimension() {
    int d = 0;
    for (int b : blocks()) {
      d += b;
    }
    return d;
  }
}
