package io.zarts.trainer.train;

import io.zarts.api.genotype.Genotype;

/**
 * One finished epoch (epoch is the count of finished epochs, 1-based): training metrics over its
 * steps, validation metrics in eval mode over the whole validation half, the alphas as softmax
 * weights, the derived genotype, and the best validation accuracy of the search so far (resumed
 * runs included) with its epoch, and the trainer's running time so far, all attempts together.
 */
public record EpochResult(
    int epoch,
    int totalEpochs,
    double learningRate,
    double trainLoss,
    double trainAccuracy,
    double validLoss,
    double validAccuracy,
    double seconds,
    double imagesPerSecond,
    double[][] normalWeights,
    double[][] reduceWeights,
    double normalEntropy,
    double reduceEntropy,
    int alphaUpdates,
    Genotype genotype,
    double bestValidAccuracy,
    int bestEpoch,
    double runSeconds) {}
