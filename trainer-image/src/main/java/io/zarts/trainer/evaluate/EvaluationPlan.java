package io.zarts.trainer.evaluate;

/**
 * What an evaluation is about to do: epochs from firstEpoch on, steps per epoch, the network's
 * parameters (auxiliary head excluded), training and test images, device and resumes so far.
 */
public record EvaluationPlan(
    String name,
    int firstEpoch,
    int totalEpochs,
    int stepsPerEpoch,
    long parameters,
    int trainImages,
    int testImages,
    String device,
    int resumes) {}
