package io.zarts.trainer.train;

import io.zarts.api.genotype.Genotype;

/**
 * The outcome of a run: the genotype, the last finished epoch (null if none finished in this run),
 * the best validation accuracy, whether it stopped early on request (preempted) or because
 * training.maxDuration was used up instead of finishing, the epochs finished by then, and the
 * trainer's running time across all attempts.
 */
public record SearchResult(
    String name,
    Genotype genotype,
    EpochResult lastEpoch,
    double bestValidAccuracy,
    int bestEpoch,
    double seconds,
    boolean preempted,
    boolean budgetExhausted,
    int epochs,
    double runSeconds) {}
