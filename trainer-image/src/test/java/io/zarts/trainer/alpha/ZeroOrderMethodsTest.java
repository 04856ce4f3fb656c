package io.zarts.trainer.alpha;

import static org.assertj.core.api.Assertions.assertThat;

import io.zarts.api.v1alpha1.Directions;
import io.zarts.trainer.util.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * MGS, RS and GLD on objectives whose behaviour is known, with the DARTS-space dimension 2 x 14 x 7
 * = 196.
 */
class ZeroOrderMethodsTest {

  static final int D = 196;

  @Test
  void mgsWithTheReferenceSettingsDescendsANoisyBowl() {
    AnalyticObjective f =
        new AnalyticObjective(
            AnalyticObjective.bowl(D, 0.5, 1.5), AnalyticObjective.start(D, 1, 1), 0.05, 2);
    MaximumLikelihoodGuidedSearch mgs = new MaximumLikelihoodGuidedSearch(4, 0.01, 1e-3, false);
    double before = f.value();
    Rng rng = new Rng(3);
    for (int i = 0; i < 20; i++) {
      f.apply(mgs.propose(f, 0.025, rng).step());
      f.nextUpdate();
    }
    // The proposals sit around the step -G (a unit-rate gradient step) and MGS keeps the best of
    // them: with
    // curvatures in [0.5, 1.5] every coordinate contracts by at least half per update.
    assertThat(f.value()).isLessThan(before * 1e-3);
  }

  @Test
  void mgsWithSmallSigmaMovesAlongTheScaledGradient() {
    // Zero-mean proposals (lambda = 1): the self-normalised weights exp(-(L_i - L0)/tau) target
    // p(u) ~ exp(-g.u/tau) N(u; 0, sigma^2), whose mean is -sigma^2/tau g: gradient descent at rate
    // sigma^2/tau.
    double[] g = AnalyticObjective.start(D, 1, 4);
    g = Vectors.scale(g, 1 / Vectors.norm(g));
    AnalyticObjective f = new AnalyticObjective(AnalyticObjective.linear(g), new double[D], 0, 5);
    double sigma = 0.01;
    double tau = 0.01;
    MaximumLikelihoodGuidedSearch mgs = new MaximumLikelihoodGuidedSearch(200_000, tau, 1.0, false);
    Proposal s = mgs.propose(f, sigma, new Rng(6));
    double[] expected = Vectors.scale(g, -sigma * sigma / tau);
    double[] error = s.step().clone();
    Vectors.addScaled(error, expected, -1);
    double cosine =
        Vectors.dot(s.step(), expected) / (Vectors.norm(s.step()) * Vectors.norm(expected));
    System.out.printf(
        "MGS step vs -sigma^2/tau g: cosine %.4f, relative error %.4f, ESS %.0f%n",
        cosine, Vectors.norm(error) / Vectors.norm(expected), s.effectiveSampleSize());
    assertThat(cosine).isGreaterThan(0.99);
    assertThat(Vectors.norm(error) / Vectors.norm(expected)).isLessThan(0.12);
  }

  @Test
  void mgsWeightsStayFiniteAndNormalisedForHugeLossGaps() {
    double[] logWeights = {-50 / 0.01, 50 / 0.01, 0, -49.9 / 0.01};
    double[] w = MaximumLikelihoodGuidedSearch.normalise(logWeights);
    assertThat(Arrays.stream(w).allMatch(Double::isFinite)).isTrue();
    assertThat(w[0] + w[1] + w[2] + w[3]).isCloseTo(1.0, Offset.offset(1e-12));
    assertThat(w[1]).isEqualTo(1.0);

    // Through a whole step: candidates whose losses differ from L0 by +/-50.
    AlphaObjective gaps =
        new AlphaObjective() {
          @Override
          public int[] blocks() {
            return new int[] {98, 98};
          }

          @Override
          public double baseLoss() {
            return 2.3;
          }

          @Override
          public double[] gradient() {
            return new double[D];
          }

          @Override
          public double[] losses(List<double[]> perturbations) {
            return new double[] {2.3 + 50, 2.3 - 50, 2.3 + 50, 2.3 - 49.5};
          }
        };
    for (boolean parity : new boolean[] {false, true}) {
      Proposal s =
          new MaximumLikelihoodGuidedSearch(4, 0.01, 1e-3, parity).propose(gaps, 0.025, new Rng(1));
      assertThat(Arrays.stream(s.weights()).allMatch(Double::isFinite)).isTrue();
      assertThat(s.weights()[0] + s.weights()[1] + s.weights()[2] + s.weights()[3])
          .isCloseTo(1.0, Offset.offset(1e-12));
      assertThat(s.weights()[1]).isGreaterThan(0.99);
      assertThat(Arrays.stream(s.step()).allMatch(Double::isFinite)).isTrue();
      assertThat(s.effectiveSampleSize()).isBetween(1.0, 1.01);
    }
  }

  @Test
  void randomSearchDescendsANoisyBowl() {
    for (Directions directions : Directions.values()) {
      for (boolean antithetic : new boolean[] {true, false}) {
        AnalyticObjective f =
            new AnalyticObjective(
                AnalyticObjective.bowl(D, 0.5, 1.5), AnalyticObjective.start(D, 1, 7), 0.05, 8);
        // Step sizes for which the estimate's variance (dimension / samples) does not dominate.
        double eta = directions == Directions.UNIFORM ? 0.01 : 0.004;
        RandomSearchMethod rs = new RandomSearchMethod(8, 0.01, eta, directions, antithetic);
        double before = f.value();
        Rng rng = new Rng(9);
        for (int i = 0; i < 150; i++) {
          f.apply(rs.propose(f, 0, rng).step());
          f.nextUpdate();
        }
        assertThat(f.value())
            .as(directions + (antithetic ? " antithetic" : " one-sided"))
            .isLessThan(before * 0.6);
      }
    }
  }

  @Test
  void randomSearchEstimateIsUnbiasedOnALinearFunction() {
    double[] g = AnalyticObjective.start(D, 1, 10);
    AnalyticObjective f = new AnalyticObjective(AnalyticObjective.linear(g), new double[D], 0, 11);
    RandomSearchMethod rs = new RandomSearchMethod(20_000, 0.1, 1, Directions.UNIFORM, true);
    // The rule's step is -η ĝ with η = 1 here: the estimate is the step reversed.
    double[] estimate = Vectors.scale(rs.propose(f, 0, new Rng(12)).step(), -1);
    double cosine = Vectors.dot(estimate, g) / (Vectors.norm(estimate) * Vectors.norm(g));
    assertThat(cosine).isGreaterThan(0.98);
    assertThat(Vectors.norm(estimate) / Vectors.norm(g)).isBetween(0.9, 1.2);
  }

  /** Failed before: ceil(log2(R/r)) radii stopped at 1/32 for the defaults, never trying r. */
  @Test
  void gldTriesEveryRadiusFromTheLargestDownToTheSmallest() {
    GradientlessDescent defaults = new GradientlessDescent(0.25, 1.0 / 64);
    assertThat(defaults.radii()).isEqualTo(5);
    assertThat(defaults.radius(defaults.radii() - 1)).isEqualTo(1.0 / 64);
    assertThat(new GradientlessDescent(0.5, 0.1).radii()).as("0.5, 0.25, 0.125").isEqualTo(3);
    assertThat(new GradientlessDescent(0.1, 0.1).radii()).isEqualTo(1);
    assertThat(new GradientlessDescent(0.05, 0.1).radii()).as("at least one").isEqualTo(1);
  }

  @Test
  void gldNeverAcceptsAWorseStepAndDescends() {
    AnalyticObjective f =
        new AnalyticObjective(
            AnalyticObjective.bowl(D, 0.5, 1.5), AnalyticObjective.start(D, 0.2, 13), 0, 14);
    GradientlessDescent gld = new GradientlessDescent(0.13, 4.69e-6);
    assertThat(gld.radii()).isEqualTo(15);
    double before = f.value();
    List<Double> trace = new ArrayList<>();
    Rng rng = new Rng(15);
    for (int i = 0; i < 200; i++) {
      f.apply(gld.propose(f, 0, rng).step());
      trace.add(f.value());
    }
    for (int i = 1; i < trace.size(); i++) {
      assertThat(trace.get(i)).isLessThanOrEqualTo(trace.get(i - 1));
    }
    assertThat(f.value()).isLessThan(before * 0.8);
  }

  @Test
  void everyStrategyMakesProgressInANarrowValley() {
    double[] start = new double[D];
    for (int i = 0; i < D; i += 2) {
      start[i] = -0.5;
      start[i + 1] = 0.8;
    }
    double initial = new AnalyticObjective(AnalyticObjective.valley(), start, 0, 0).value();

    AnalyticObjective mgsF = new AnalyticObjective(AnalyticObjective.valley(), start, 0.01, 16);
    // A steep valley: the unit gradient step of the default proposal would overshoot, so scale the
    // objective down.
    MaximumLikelihoodGuidedSearch mgs = new MaximumLikelihoodGuidedSearch(8, 0.01, 0.5, false);
    Rng rng = new Rng(17);
    for (int i = 0; i < 60; i++) {
      mgsF.apply(mgs.propose(new Scaled(mgsF, 0.01), 0.02, rng).step());
      mgsF.nextUpdate();
    }
    AnalyticObjective rsF = new AnalyticObjective(AnalyticObjective.valley(), start, 0.01, 18);
    RandomSearchMethod rs = new RandomSearchMethod(8, 0.01, 0.0005, Directions.UNIFORM, true);
    for (int i = 0; i < 100; i++) {
      rsF.apply(rs.propose(rsF, 0, rng).step());
      rsF.nextUpdate();
    }
    AnalyticObjective gldF = new AnalyticObjective(AnalyticObjective.valley(), start, 0, 19);
    GradientlessDescent gld = new GradientlessDescent(0.13, 4.69e-6);
    for (int i = 0; i < 100; i++) {
      gldF.apply(gld.propose(gldF, 0, rng).step());
    }
    System.out.printf(
        "valley: start %.2f, MGS %.2f, RS %.2f, GLD %.2f%n",
        initial, mgsF.value(), rsF.value(), gldF.value());
    assertThat(mgsF.value()).isLessThan(initial * 0.5);
    assertThat(rsF.value()).isLessThan(initial * 0.9);
    assertThat(gldF.value()).isLessThan(initial * 0.9);
  }

  /**
   * The objective and its gradient multiplied by k (a learning rate for MGS's unit gradient step).
   */
  record Scaled(AnalyticObjective f, double k) implements AlphaObjective {
    @Override
    public int[] blocks() {
      return f.blocks();
    }

    @Override
    public double baseLoss() {
      return k * f.baseLoss();
    }

    @Override
    public double[] gradient() {
      return Vectors.scale(f.gradient(), k);
    }

    @Override
    public double[] losses(List<double[]> perturbations) {
      return Vectors.scale(f.losses(perturbations), k);
    }
  }
}
