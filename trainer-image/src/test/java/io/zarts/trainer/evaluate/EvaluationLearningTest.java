package io.zarts.trainer.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.zarts.api.genotype.Genotype;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.trainer.TestData;
import io.zarts.trainer.TestSearches;
import io.zarts.trainer.train.Checkpointer;
import io.zarts.trainer.train.LoopPosition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The evaluation stage learns real data: DARTS_V2 as a tiny network (C = 8, 5 cells, no auxiliary
 * head) trained 2 epochs on 5,000 Fashion-MNIST images and scored on all 10,000 test images.
 */
class EvaluationLearningTest {

  static final String DARTS_V2 =
      "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0),"
          + " ('sep_conv_3x3', 1), ('sep_conv_3x3', 1), ('skip_connect', 0), ('skip_connect', 0),"
          + " ('dil_conv_3x3', 2)], normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0),"
          + " ('max_pool_3x3', 1), ('skip_connect', 2), ('max_pool_3x3', 1), ('max_pool_3x3', 0),"
          + " ('skip_connect', 2), ('skip_connect', 2), ('max_pool_3x3', 1)],"
          + " reduce_concat=[2, 3, 4, 5])";

  @Test
  void aTinyDartsV2NetworkLearnsFashionMnist() {
    ArchitectureSearch search =
        TestSearches.search(
            "fashion",
            """
              dataset:
                name: fashion-mnist
                maxSamples: 5000
                volume: {claimName: datasets, subPath: fashion-mnist}
              evaluation:
                epochs: 2
                layers: 5
                initChannels: 8
                auxiliaryWeight: 0
                cutout: 8
                seed: 1
              trainer: {device: cpu, threads: 1}
            """);
    List<EvaluationEpoch> epochs = new ArrayList<>();
    try (EvaluationSession session =
        EvaluationSession.open(
            search, Genotype.parse(DARTS_V2), TestData.fashionMnist(), Device.cpu())) {
      EvaluationResult result =
          new EvaluationLoop(
                  session,
                  new EvaluationListener() {
                    @Override
                    public void onEpoch(EvaluationEpoch epoch) {
                      epochs.add(epoch);
                      System.out.println("fashion-mnist " + epoch);
                    }
                  },
                  Checkpointer.NONE,
                  () -> false)
              .run(LoopPosition.start());
      assertThat(result.parameters()).isEqualTo(36_586);
      assertThat(epochs).hasSize(2);
      assertThat(epochs.get(1).trainLoss()).isLessThan(epochs.get(0).trainLoss());
      // Measured 0.70 (seed 1, one thread, 2026-11-30); the margin covers other CPUs' float
      // rounding.
      assertThat(result.lastEpoch().testAccuracy()).isGreaterThan(0.6);
    }
  }
}
