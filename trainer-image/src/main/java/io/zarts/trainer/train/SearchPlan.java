package io.zarts.trainer.train;

import io.zarts.trainer.devices.DevicePool;
import io.zarts.trainer.space.SearchSpace;

/**
 * What a search is about to do: its name, epochs (from firstEpoch on), steps per epoch, warm-up,
 * weights, device, the candidate workers' devices, how often it has resumed from a checkpoint (0
 * for a fresh start), and the search space its alphas range over (the operation names of each
 * edge), and its time budget (training.maxDuration, null for none) with the running time earlier
 * attempts used of it.
 */
public record SearchPlan(
    String name,
    int firstEpoch,
    int totalEpochs,
    int stepsPerEpoch,
    int warmupEpochs,
    long weightCount,
    String device,
    DevicePool devices,
    int resumes,
    SearchSpace space,
    String maxDuration,
    double runSecondsBefore) {}
