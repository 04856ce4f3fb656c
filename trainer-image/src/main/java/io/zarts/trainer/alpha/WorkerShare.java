package io.zarts.trainer.alpha;

/**
 * One candidate worker's part of an alpha update: its device name (gpu:1, cpu:0), the candidates it
 * evaluated and the seconds it spent on them.
 */
public record WorkerShare(String device, int candidates, double seconds) {}
