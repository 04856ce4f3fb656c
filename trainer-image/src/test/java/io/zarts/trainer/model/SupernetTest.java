package io.zarts.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.zarts.api.v1alpha1.SearchSpaceName;
import io.zarts.trainer.nn.Forward;
import io.zarts.trainer.nn.ParameterStore;
import io.zarts.trainer.space.SearchSpace;
import io.zarts.trainer.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SupernetTest {

  @ParameterizedTest(name = "{0}, {1} classes: {2} weights")
  @CsvSource({
    "DARTS_NO_NONE, 10, 1930618",
    "DARTS, 10, 1930618",
    "DARTS_NO_NONE, 100, 1953748",
  })
  void weightCountsMatchTheReference(SearchSpaceName space, int classes, long expected) {
    try (NDManager manager = NDManager.newBaseManager()) {
      ParameterStore store = new ParameterStore(manager, new Rng(0));
      new Supernet(new SupernetConfig(SearchSpace.of(space, 4), 16, 8, classes, 3, 32), store);
      assertThat(store.weightCount()).isEqualTo(expected);
    }
  }

  @Test
  void tinySupernetGivesLogitsAndGradientsForWeightsAndAlphas() {
    try (NDManager manager = NDManager.newBaseManager()) {
      ParameterStore store = new ParameterStore(manager, new Rng(1));
      SearchSpace space = SearchSpace.of(SearchSpaceName.DARTS, 4);
      Supernet net = new Supernet(new SupernetConfig(space, 4, 3, 5, 3, 8), store);
      Alphas alphas = new Alphas(space, manager, new Rng(2));
      NDArray x = manager.create(new Rng(3).normal(2 * 3 * 8 * 8, 0, 1), new Shape(2, 3, 8, 8));
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray logits =
            net.forward(
                x,
                alphas.normal().softmax(1),
                alphas.reduce().softmax(1),
                Forward.train(new Rng(4)));
        assertThat(logits.getShape()).isEqualTo(new Shape(2, 5));
        gc.backward(logits.square().sum());
      }
      assertThat(alphas.normal().getGradient().abs().sum().getFloat()).isGreaterThan(0f);
      assertThat(alphas.reduce().getGradient().abs().sum().getFloat()).isGreaterThan(0f);
      assertThat(store.weights().get(0).array().getGradient().abs().sum().getFloat())
          .isGreaterThan(0f);
    }
  }
}
