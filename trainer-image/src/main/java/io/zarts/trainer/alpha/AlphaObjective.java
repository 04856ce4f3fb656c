package io.zarts.trainer.alpha;

import java.util.ArrayList;
import java.util.Arrays;
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

  /**
   * Whether candidates get inner weight steps before they are scored. L0 is scored at the unchanged
   * weights, so a trained candidate would beat it by the fine-tuning gain alone.
   */
  default boolean trainsCandidates() {
    return false;
  }

  /**
   * The candidates' losses and the loss a rule that accepts or differences against "no move" must
   * compare them with: with trained candidates, u = 0 trained the same way on the same batches
   * (scored in the same call, so it is batched with the others); otherwise L0.
   */
  default Scored scoreAgainstNoMove(List<double[]> candidates) {
    if (!trainsCandidates()) {
      return new Scored(baseLoss(), losses(candidates));
    }
    List<double[]> withNoMove = new ArrayList<>(candidates);
    withNoMove.add(new double[dimension()]);
    double[] all = losses(withNoMove);
    return new Scored(all[all.length - 1], Arrays.copyOf(all, all.length - 1));
  }

  /** Candidate losses with the reference loss they are compared with. */
  record Scored(double reference, double[] losses) {}

  /** Dimension of the flat vector. */
  default int dimension() {
    int d = 0;
    for (int b : blocks()) {
      d += b;
    }
    return d;
  }
}
