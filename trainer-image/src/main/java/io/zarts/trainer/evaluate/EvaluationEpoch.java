package io.zarts.trainer.evaluate;

/**
 * One finished evaluation epoch (1-based): learning rate and drop-path probability it trained with,
 * training loss and accuracy over its steps, and the test loss and accuracy in eval mode over every
 * test image.
 */
public record EvaluationEpoch(
    int epoch,
    int totalEpochs,
    double learningRate,
    double dropPath,
    double trainLoss,
    double trainAccuracy,
    double testLoss,
    double testAccuracy,
    double seconds,
    double imagesPerSecond) {}
