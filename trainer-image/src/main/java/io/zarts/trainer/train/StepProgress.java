package io.zarts.trainer.train;

/**
 * Progress within an epoch (epoch is 0-based, step 1-based). The running averages are refreshed
 * every few steps (reading them costs a device sync), so they may lag by a few steps.
 */
public record StepProgress(
    int epoch,
    int step,
    int stepsPerEpoch,
    double runningLoss,
    double runningAccuracy,
    double elapsedSeconds) {}
