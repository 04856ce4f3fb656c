package io.zarts.trainer.alpha;

/**
 * What a zero-order rule proposes for one alpha update: the step (flat, normal cell then reduction
 * cell), the loss L0 it compared against, every candidate's loss in the order drawn, and, for rules
 * that weight candidates (MGS), the normalised weights and their effective sample size (empty and
 * NaN otherwise).
 */
public record Proposal(
    double[] step, double loss0, double[] losses, double[] weights, double effectiveSampleSize) {

  /** A proposal of a rule that does not weight its candidates. */
  static Proposal unweighted(double[] step, double loss0, double[] losses) {
    return new Proposal(step, loss0, losses, new double[0], Double.NaN);
  }
}
