package io.zarts.trainer.alpha;

import static org.assertj.core.api.Assertions.assertThat;

import io.zarts.api.v1alpha1.Directions;
import io.zarts.trainer.util.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GLD and one-sided RS compare candidates with "not moving". When every candidate gets inner weight
 * steps that lower its loss by the same gain, the untrained L0 makes every move look better: GLD
 * leaves an optimum it already holds, and one-sided RS reads a slope into a flat bowl. Comparing
 * with u = 0 trained the same way removes the bias.
 */
class FineTuningBiasTest {

  static final double GAIN = 0.05;
  static final int DIMENSION = 16;

  /**
   * f(A + u) = |A + u|² at A = 0 (already the optimum); trained candidates score GAIN lower, the
   * untrained L0 does not.
   */
  static final class FineTunedBowl implements AlphaObjective {

    private final boolean reportsTraining;
    int noMoveScored;

    FineTunedBowl(boolean reportsTraining) {
      this.reportsTraining = reportsTraining;
    }

    @Override
    public int[] blocks() {
      return new int[] {DIMENSION / 2, DIMENSION / 2};
    }

    @Override
    public double baseLoss() {
      return 0;
    }

    @Override
    public double[] gradient() {
      return new double[DIMENSION];
    }

    @Override
    public double[] losses(List<double[]> perturbations) {
      double[] out = new double[perturbations.size()];
      for (int i = 0; i < out.length; i++) {
        double norm = 0;
        for (double v : perturbations.get(i)) {
          norm += v * v;
        }
        noMoveScored += norm == 0 ? 1 : 0;
        out[i] = norm - GAIN;
      }
      return out;
    }

    /** The old rule: an objective that does not say its candidates are trained. */
    @Override
    public boolean trainsCandidates() {
      return reportsTraining;
    }
  }

  static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  @Test
  void gldLeavesTheOptimumAgainstTheUntrainedL0AndStaysAgainstTheTrainedNoMove() {
    GradientlessDescent gld = new GradientlessDescent(0.13, 4.69e-6);
    Proposal biased = gld.propose(new FineTunedBowl(false), 0, new Rng(3));
    assertThat(norm(biased.step())).as("old rule: a move accepted for the gain alone").isPositive();

    FineTunedBowl objective = new FineTunedBowl(true);
    Proposal fair = gld.propose(objective, 0, new Rng(3));
    assertThat(norm(fair.step())).as("no candidate beats not moving").isZero();
    assertThat(fair.loss0()).isEqualTo(-GAIN);
    assertThat(objective.noMoveScored).as("u = 0 scored with the candidates").isEqualTo(1);
  }

  @Test
  void oneSidedRandomSearchReadsASlopeFromTheGainOnlyAgainstTheUntrainedL0() {
    RandomSearchMethod rs = new RandomSearchMethod(8, 0.01, 1, Directions.UNIFORM, false);
    double biased = norm(rs.propose(new FineTunedBowl(false), 0, new Rng(4)).step());
    double fair = norm(rs.propose(new FineTunedBowl(true), 0, new Rng(4)).step());
    // Against the trained no-move the differences are δ² = 1e-4 instead of δ² + GAIN.
    assertThat(fair).isLessThan(biased / 100);
  }

  @Test
  void antitheticRandomSearchAndMgsNeedNoReferenceAndAreUnchanged() {
    RandomSearchMethod rs = new RandomSearchMethod(8, 0.01, 1, Directions.UNIFORM, true);
    FineTunedBowl objective = new FineTunedBowl(true);
    double[] step = rs.propose(objective, 0, new Rng(5)).step();
    assertThat(step).containsExactly(rs.propose(new FineTunedBowl(false), 0, new Rng(5)).step());
    assertThat(objective.noMoveScored).isZero();
  }
}
