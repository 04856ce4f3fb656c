package io.zarts.trainer.train;

import io.zarts.api.genotype.Genotype;

/**
 * The outcome of a run: the genotype, the last finished epoch (null if none finished in this run),
 * the best validation accuracy, and whether it stopped early on request (preempted) instead of
 * finishing.
 */
public record SearchResult(
    String name,
    Genotype genotype,
    EpochResult lastEpoch,
    double bestValidAccuracy,
    int bestEpoch,
    double seconds,
    boolean preempted) {}
