package io.zarts.trainer.train;

/**
 * What a search is about to do: its name, epochs (from firstEpoch on), steps per epoch, warm-up,
 * weights, device, and how often it has resumed from a checkpoint (0 for a fresh start).
 */
public record SearchPlan(
    String name,
    int firstEpoch,
    int totalEpochs,
    int stepsPerEpoch,
    int warmupEpochs,
    long weightCount,
    String device,
    int resumes) {}
