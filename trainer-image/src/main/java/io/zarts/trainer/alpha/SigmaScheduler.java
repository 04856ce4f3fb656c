package io.zarts.trainer.alpha;

import io.zarts.api.v1alpha1.SigmaSchedule;

/**
 * The MGS perturbation scale per epoch, as the reference's DecayScheduler drives it: sigma for the
 * first two searching epochs, then cosine decay over the epochs after warm-up, sigma (1 + cos(pi t
 * / T)) / 2 with t = epoch - warmup - 1 and T = epochs - warmup (0.025 falls to about 1.5e-4 at
 * epoch 49 of 50).
 */
public record SigmaScheduler(double sigma, SigmaSchedule schedule, int warmupEpochs, int epochs) {

  public double at(int epoch) {
    if (schedule == SigmaSchedule.CONSTANT) {
      return sigma;
    }
    int t = Math.max(0, epoch - warmupEpochs - 1);
    int period = Math.max(1, epochs - warmupEpochs);
    return sigma * (1 + Math.cos(Math.PI * t / period)) / 2;
  }
}
