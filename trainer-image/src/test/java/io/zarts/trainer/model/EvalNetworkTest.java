package io.zarts.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.zarts.api.genotype.Genotype;
import io.zarts.trainer.nn.Forward;
import io.zarts.trainer.nn.ParameterStore;
import io.zarts.trainer.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The evaluation network against the parameter counts of DARTS' NetworkCIFAR, counted with PyTorch.
 */
class EvalNetworkTest {

  static final Genotype DARTS_V1 =
      Genotype.parse(
          "Genotype(normal=[('sep_conv_3x3', 1), ('sep_conv_3x3', 0), ('skip_connect', 0),"
              + " ('sep_conv_3x3', 1), ('skip_connect', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0),"
              + " ('skip_connect', 2)], normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0),"
              + " ('max_pool_3x3', 1), ('skip_connect', 2), ('max_pool_3x3', 0), ('max_pool_3x3', 0),"
              + " ('skip_connect', 2), ('skip_connect', 2), ('avg_pool_3x3', 0)],"
              + " reduce_concat=[2, 3, 4, 5])");
  static final Genotype DARTS_V2 =
      Genotype.parse(
          "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0),"
              + " ('sep_conv_3x3', 1), ('sep_conv_3x3', 1), ('skip_connect', 0), ('skip_connect', 0),"
              + " ('dil_conv_3x3', 2)], normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0),"
              + " ('max_pool_3x3', 1), ('skip_connect', 2), ('max_pool_3x3', 1), ('max_pool_3x3', 0),"
              + " ('skip_connect', 2), ('skip_connect', 2), ('max_pool_3x3', 1)],"
              + " reduce_concat=[2, 3, 4, 5])");

  static long count(
      Genotype genotype, int classes, boolean auxiliary, boolean withAuxiliaryWeights) {
    try (NDManager manager = NDManager.newBaseManager()) {
      ParameterStore store = new ParameterStore(manager, new Rng(0));
      EvalNetwork net =
          new EvalNetwork(new EvalConfig(36, 20, classes, 3, 32, auxiliary), genotype, store);
      return withAuxiliaryWeights ? store.weightCount() : net.parameterCount();
    }
  }

  @ParameterizedTest(name = "{0}, {1} classes, auxiliary head {2}: {3} weights")
  @CsvSource({
    "V2, 10, false, 3349342",
    "V2, 10, true, 3825768",
    "V1, 10, false, 3169414",
    "V2, 100, false, 3401272",
  })
  void parameterCountsMatchTheReference(String version, int classes, boolean aux, long expected) {
    Genotype g = version.equals("V1") ? DARTS_V1 : DARTS_V2;
    assertThat(count(g, classes, aux, true)).isEqualTo(expected);
  }

  @Test
  void theReportedCountLeavesTheAuxiliaryHeadOut() {
    assertThat(count(DARTS_V2, 10, true, false)).isEqualTo(3349342);
  }

  @Test
  void aTinyNetworkGivesLogitsAndAuxiliaryLogitsOnlyInTraining() {
    try (NDManager manager = NDManager.newBaseManager()) {
      ParameterStore store = new ParameterStore(manager, new Rng(1));
      EvalNetwork net = new EvalNetwork(new EvalConfig(4, 3, 5, 3, 32, true), DARTS_V2, store);
      NDArray x = manager.randomNormal(new Shape(2, 3, 32, 32));
      EvalNetwork.Logits train = net.forward(x, 0.2, Forward.evaluation(true, new Rng(2)));
      assertThat(train.main().getShape()).isEqualTo(new Shape(2, 5));
      assertThat(train.auxiliary().getShape()).isEqualTo(new Shape(2, 5));
      EvalNetwork.Logits eval = net.forward(x, 0.2, Forward.evaluation(false, new Rng(2)));
      assertThat(eval.auxiliary()).isNull();
    }
  }

  /** Drop path with probability 0 is the identity: a training pass draws no masks. */
  @Test
  void aTrainingPassWithoutDropPathDrawsNoMasks() {
    try (NDManager manager = NDManager.newBaseManager()) {
      ParameterStore store = new ParameterStore(manager, new Rng(1));
      EvalNetwork net = new EvalNetwork(new EvalConfig(4, 3, 5, 3, 32, false), DARTS_V2, store);
      NDArray x = manager.randomNormal(new Shape(2, 3, 32, 32));
      Rng generator = new Rng(2);
      long[] before = generator.state();
      net.forward(x, 0, Forward.evaluation(true, generator));
      assertThat(generator.state()).isEqualTo(before);
      net.forward(x, 0.2, Forward.evaluation(true, generator));
      assertThat(generator.state()).as("with drop path it draws").isNotEqualTo(before);
    }
  }

  @Test
  void anAuxiliaryHeadOnImagesItCannotReadIsRefusedNamingTheField() {
    try (NDManager manager = NDManager.newBaseManager()) {
      ParameterStore store = new ParameterStore(manager, new Rng(1));
      assertThatThrownBy(
              () -> new EvalNetwork(new EvalConfig(4, 5, 10, 1, 28, true), DARTS_V2, store))
          .hasMessageContaining("spec.evaluation.auxiliaryWeight")
          .hasMessageContaining("7x7");
    }
  }
}
