package io.zarts.trainer.evaluate;

import io.zarts.trainer.optim.CosineSchedule;

/**
 * The learning rate of each evaluation epoch: the cosine schedule from spec.evaluation.learningRate
 * to 0 at epoch e, or, under spec.optimizer.referenceParity, at e + 1 as DARTS's train.py has it
 * (it calls scheduler.step() before each epoch, so epoch e trains at lr(e + 1) and the last at 0).
 */
public record EvaluationSchedule(CosineSchedule cosine, boolean steppedFirst) {

  public double at(int epoch) {
    return cosine.at(steppedFirst ? epoch + 1 : epoch);
  }
}
