package io.zarts.trainer.alpha;

import java.util.List;

/**
 * The report of one alpha update: the validation loss at the current alphas (L0), the candidates'
 * losses (empty for gradient strategies) and their weights (MGS importance weights, GLD/RS: empty),
 * the effective sample size of the weights (NaN where there are none), the L2 norm of the alpha
 * step, the mean edge entropy per cell type after the step, the seconds it took, and the part of
 * them spent evaluating candidates, and each candidate worker's share of that (empty for gradient
 * strategies).
 */
public record AlphaUpdate(
    double loss0,
    double[] candidateLosses,
    double[] candidateWeights,
    double effectiveSampleSize,
    double stepNorm,
    double normalEntropy,
    double reduceEntropy,
    double seconds,
    double candidateSeconds,
    List<WorkerShare> workerShares) {}
