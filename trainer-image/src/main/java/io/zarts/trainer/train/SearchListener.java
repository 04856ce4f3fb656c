package io.zarts.trainer.train;

import io.zarts.trainer.alpha.AlphaUpdate;
import java.util.List;

/**
 * Observes a search: the progress bar, the output files and (later) metrics and progress reports
 * listen.
 */
public interface SearchListener {

  default void onStart(SearchPlan plan) {}

  default void onStep(StepProgress progress) {}

  /** After every weight step, with its wall time. */
  default void onWeightStep(long globalStep, double seconds) {}

  default void onAlphaUpdate(int epoch, int step, AlphaUpdate update) {}

  default void onEpoch(EpochResult result) {}

  default void onFinish(SearchResult result) {}

  /** Forwards every event to each listener in order. */
  static SearchListener all(SearchListener... listeners) {
    List<SearchListener> list = List.of(listeners);
    return new SearchListener() {
      @Override
      public void onStart(SearchPlan plan) {
        list.forEach(l -> l.onStart(plan));
      }

      @Override
      public void onStep(StepProgress progress) {
        list.forEach(l -> l.onStep(progress));
      }

      @Override
      public void onWeightStep(long globalStep, double seconds) {
        list.forEach(l -> l.onWeightStep(globalStep, seconds));
      }

      @Override
      public void onAlphaUpdate(int epoch, int step, AlphaUpdate update) {
        list.forEach(l -> l.onAlphaUpdate(epoch, step, update));
      }

      @Override
      public void onEpoch(EpochResult result) {
        list.forEach(l -> l.onEpoch(result));
      }

      @Override
      public void onFinish(SearchResult result) {
        list.forEach(l -> l.onFinish(result));
      }
    };
  }
}
