package io.zarts.trainer.train;

import io.zarts.api.genotype.Genotype;

/** The outcome of a search: the final genotype, the last epoch and the best validation accuracy. */
public record SearchResult(String name, Genotype genotype, EpochResult lastEpoch, double bestValidAccuracy,
    int bestEpoch, double seconds) {}
