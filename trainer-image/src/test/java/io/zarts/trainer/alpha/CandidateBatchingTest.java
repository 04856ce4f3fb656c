package io.zarts.trainer.alpha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.CandidateBatching;
import io.zarts.api.v1alpha1.OptimizerSpec;
import io.zarts.api.v1alpha1.SearchSpaceName;
import io.zarts.trainer.TestSearches;
import io.zarts.trainer.nn.StepScope;
import io.zarts.trainer.space.SearchSpace;
import io.zarts.trainer.train.SearchListener;
import io.zarts.trainer.train.SearchLoop;
import io.zarts.trainer.train.SearchSession;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Candidate batching computes what one-after-another evaluation computes: for MGS, RS and GLD, with
 * and without inner steps and in both batch-norm modes, the same candidate losses (to float
 * summation order) from the same warmed-up network, and the same alpha step.
 */
class CandidateBatchingTest {

  @TempDir Path out;

  static ArchitectureSearch search(
      String algorithm, String batching, boolean parity, String batchNorm) {
    return TestSearches.search(
        "batching-" + algorithm,
        """
          dataset:
            name: synthetic
            synthetic: {samples: 64, imageSize: 8, classes: 3}
          searchSpace: {layers: 3, initChannels: 4, nodes: 2}
          optimizer:
            algorithm: %s
            samples: 3
            innerSteps: 2
            innerBatchSize: 4
            warmupEpochs: 1
            referenceParity: %s
            candidateBatching: "%s"
            innerOptimizer: {gradClip: 0.05}
            gld: {maxRadius: 0.5, minRadius: 0.1}
            candidateEval: {batches: 2, batchNorm: %s}
          training: {epochs: 2, batchSize: 8}
        """
            .formatted(algorithm, parity, batching, batchNorm));
  }

  AlphaUpdate oneUpdate(ArchitectureSearch search, String run) {
    try (SearchSession session =
        SearchSession.open(search, TestSearches.cpu(null, out.resolve(run)))) {
      new SearchLoop(session, new SearchListener() {}).run(0, 1);
      try (StepScope scope = session.openScope()) {
        return session.strategy().update(session.alphaUpdateContext(scope.manager(), 1));
      }
    }
  }

  @ParameterizedTest(name = "{0} parity={1} bn={2}")
  @CsvSource({
    "mgs, false, train",
    "rs, false, train",
    "gld, false, train",
    "mgs, true, train",
    "mgs, false, eval"
  })
  void batchedCandidateLossesEqualSequentialOnes(
      String algorithm, boolean parity, String batchNorm) {
    AlphaUpdate sequential = oneUpdate(search(algorithm, "off", parity, batchNorm), "off");
    AlphaUpdate batched = oneUpdate(search(algorithm, "on", parity, batchNorm), "on");
    assertThat(batched.candidateLosses()).hasSameSizeAs(sequential.candidateLosses());
    for (int i = 0; i < sequential.candidateLosses().length; i++) {
      assertThat(batched.candidateLosses()[i])
          .as("candidate " + i)
          .isCloseTo(
              sequential.candidateLosses()[i],
              within(1e-6 * Math.max(1, sequential.candidateLosses()[i])));
    }
    // GLD's reference is u = 0 trained like the candidates, so it is batched with them too.
    assertThat(batched.loss0())
        .isCloseTo(sequential.loss0(), within(1e-6 * Math.max(1, sequential.loss0())));
    assertThat(batched.stepNorm())
        .isCloseTo(sequential.stepNorm(), within(1e-3 * Math.max(1e-3, sequential.stepNorm())));
    // The candidates differ from one another: the comparison is not between identical numbers.
    assertThat(sequential.candidateLosses()[0]).isNotEqualTo(sequential.candidateLosses()[1]);
  }

  @Test
  void autoBatchesOnGpusAndSmallCpuSupernetsButNeverWithTheNoiseOp() {
    OptimizerSpec spec = new OptimizerSpec();
    SearchSpace darts = SearchSpace.of(SearchSpaceName.DARTS, 4);
    SearchSpace s4 = SearchSpace.of(SearchSpaceName.S4, 4);
    long tiny = 4L * 16 * 16 * 16;
    long full = 16L * 32 * 32 * 64;
    assertThat(ZeroOrderStrategy.batchesCandidates(spec, darts, false, tiny)).isTrue();
    assertThat(ZeroOrderStrategy.batchesCandidates(spec, darts, false, full)).isFalse();
    assertThat(ZeroOrderStrategy.batchesCandidates(spec, darts, true, full)).isTrue();
    assertThat(ZeroOrderStrategy.batchesCandidates(spec, s4, true, tiny)).isFalse();
    spec.setCandidateBatching(CandidateBatching.OFF);
    assertThat(ZeroOrderStrategy.batchesCandidates(spec, darts, true, tiny)).isFalse();
    spec.setCandidateBatching(CandidateBatching.ON);
    assertThat(ZeroOrderStrategy.batchesCandidates(spec, s4, false, full)).isTrue();
  }
}
