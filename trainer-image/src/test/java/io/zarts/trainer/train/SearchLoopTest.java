package io.zarts.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.trainer.TestSearches;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop really learns: real images (UCI digits) and generated ones, on a tiny supernet. */
class SearchLoopTest {

  @TempDir Path out;

  @Test
  void digitsSearchReachesNinetyPercentValidationAccuracy() {
    ArchitectureSearch search =
        TestSearches.search(
            "digits",
            """
          dataset:
            name: digits
          searchSpace:
            layers: 2
            initChannels: 8
            nodes: 2
          optimizer:
            algorithm: darts
            warmupEpochs: 2
            updateEvery: 2
          training:
            epochs: 5
            batchSize: 32
            learningRate: 0.1
            seed: 1
        """);
    SearchResult result;
    try (SearchSession session = SearchSession.open(search, TestSearches.cpu(null, out))) {
      result =
          new SearchLoop(
                  session,
                  new SearchListener() {
                    @Override
                    public void onEpoch(EpochResult r) {
                      System.out.printf(
                          "digits epoch %d: train %.3f/%.3f valid %.3f/%.3f %.1fs%n",
                          r.epoch(),
                          r.trainLoss(),
                          r.trainAccuracy(),
                          r.validLoss(),
                          r.validAccuracy(),
                          r.seconds());
                    }
                  })
              .run(0);
    }
    assertThat(result.lastEpoch().validAccuracy()).isGreaterThanOrEqualTo(0.90);
    assertThat(result.genotype().getNormal()).hasSize(4);
  }

  @Test
  void syntheticSearchLearnsWellAboveChance() {
    ArchitectureSearch search =
        TestSearches.search(
            "synthetic",
            """
          dataset:
            name: synthetic
            synthetic:
              samples: 256
              imageSize: 8
              channels: 3
              classes: 4
          searchSpace:
            layers: 2
            initChannels: 4
          optimizer:
            algorithm: darts
            warmupEpochs: 1
          training:
            epochs: 4
            batchSize: 16
            learningRate: 0.1
            seed: 3
        """);
    SearchResult result;
    try (SearchSession session = SearchSession.open(search, TestSearches.cpu(null, out))) {
      result = new SearchLoop(session, new SearchListener() {}).run(0);
    }
    System.out.printf("synthetic valid accuracy %.3f%n", result.lastEpoch().validAccuracy());
    assertThat(result.lastEpoch().validAccuracy()).isGreaterThan(0.6);
  }
}
