package io.zarts.trainer.alpha;

import io.zarts.api.v1alpha1.OptimizerSpec;
import io.zarts.trainer.util.Rng;

/**
 * One zero-order rule of ZARTS (MGS, RS or GLD): it asks the objective for losses at perturbed
 * alphas and proposes the step to add to them. Rules differ only in how they draw candidates and
 * turn losses into a step.
 */
public interface ZeroOrderMethod {

  /**
   * The step for one alpha update. sigma is the current exploration scale of the sigma schedule;
   * rules that draw their own radii (RS, GLD) ignore it.
   */
  Proposal propose(AlphaObjective f, double sigma, Rng rng);

  /** The rule optimizer.algorithm names (mgs, rs or gld), configured from the spec. */
  static ZeroOrderMethod of(OptimizerSpec spec) {
    return switch (spec.getAlgorithm()) {
      case MGS ->
          new MaximumLikelihoodGuidedSearch(
              spec.getSamples(), spec.getTau(), spec.getLambda(), spec.getReferenceParity());
      case RS ->
          new RandomSearchMethod(
              spec.getSamples(),
              spec.getRs().getDelta(),
              spec.getRs().getLearningRate(),
              spec.getRs().getDirections(),
              spec.getRs().getAntithetic());
      case GLD ->
          new GradientlessDescent(spec.getGld().getMaxRadius(), spec.getGld().getMinRadius());
      case DARTS ->
          throw new IllegalArgumentException(
              "optimizer.algorithm darts is a first-order method, not a" + " zero-order one");
    };
  }
}
