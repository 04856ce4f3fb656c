package io.zarts.trainer.evaluate;

import io.zarts.trainer.train.StepProgress;

/** What an evaluation reports as it runs; every method does nothing unless overridden. */
public interface EvaluationListener {

  default void onStart(EvaluationPlan plan) {}

  default void onStep(StepProgress progress) {}

  default void onEpoch(EvaluationEpoch epoch) {}

  default void onFinish(EvaluationResult result) {}

  /** Every listener in turn. */
  static EvaluationListener all(EvaluationListener... listeners) {
    return new EvaluationListener() {
      @Override
      public void onStart(EvaluationPlan plan) {
        for (EvaluationListener l : listeners) {
          l.onStart(plan);
        }
      }

      @Override
      public void onStep(StepProgress progress) {
        for (EvaluationListener l : listeners) {
          l.onStep(progress);
        }
      }

      @Override
      public void onEpoch(EvaluationEpoch epoch) {
        for (EvaluationListener l : listeners) {
          l.onEpoch(epoch);
        }
      }

      @Override
      public void onFinish(EvaluationResult result) {
        for (EvaluationListener l : listeners) {
          l.onFinish(result);
        }
      }
    };
  }
}
