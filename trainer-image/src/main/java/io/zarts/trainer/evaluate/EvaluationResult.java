package io.zarts.trainer.evaluate;

import io.zarts.api.genotype.Genotype;

/**
 * The outcome of an evaluation run: the last finished epoch (its test accuracy is the result; the
 * best epoch is never chosen, that would select on the test set), the parameter count, and whether
 * it stopped early on request.
 */
public record EvaluationResult(
    String name,
    Genotype genotype,
    EvaluationEpoch lastEpoch,
    long parameters,
    double seconds,
    boolean preempted) {}
