package io.zarts.trainer.optim;

/**
 * torch.optim.lr_scheduler.CosineAnnealingLR stepped once per epoch: lr_e = min + (max - min)(1 +
 * cos(pi e / T)) / 2.
 */
public record CosineSchedule(double max, double min, int periodEpochs) {

  public double at(int epoch) {
    return min + (max - min) * (1 + Math.cos(Math.PI * epoch / periodEpochs)) / 2;
  }
}
