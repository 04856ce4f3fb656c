package io.zarts.trainer.output;

/**
 * One cell of a strategy comparison: which group, search space, algorithm and seed it ran, how the
 * search went (validation accuracy, seconds, alpha updates and their mean cost and step size, how
 * far the alphas moved from uniform), what it found (genotype, parameter-free operations in the
 * normal cell) and, with an evaluation stage, the retrained network's test accuracy and size.
 *
 * @param alphaSpread the largest spread (max - min softmax weight) of one edge's operations after
 *     the last epoch: 0 for alphas that never moved
 * @param parameterFreeNormal edges of the normal cell with none, skip_connect or a pool
 */
public record ComparisonRow(
    String group,
    String space,
    String algorithm,
    int seed,
    double finalValidAccuracy,
    double bestValidAccuracy,
    double searchSeconds,
    int alphaUpdates,
    double secondsPerAlphaUpdate,
    double meanStepNorm,
    double alphaSpread,
    int parameterFreeNormal,
    int normalEdges,
    String genotype,
    Double testAccuracy,
    Long parameters,
    Double evaluationSeconds) {}
