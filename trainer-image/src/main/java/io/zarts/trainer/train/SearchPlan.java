package io.zarts.trainer.train;

/** What a search is about to do: its name, epochs (from firstEpoch on), steps per epoch, warm-up and weights. */
public record SearchPlan(String name, int firstEpoch, int totalEpochs, int stepsPerEpoch, int warmupEpochs,
    long weightCount, String device) {}
