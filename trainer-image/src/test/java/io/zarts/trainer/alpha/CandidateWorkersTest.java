package io.zarts.trainer.alpha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.trainer.devices.DevicePool;
import io.zarts.trainer.nn.StepScope;
import io.zarts.trainer.train.SearchListener;
import io.zarts.trainer.train.SearchLoop;
import io.zarts.trainer.train.SearchOptions;
import io.zarts.trainer.train.SearchSession;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Candidates spread over 2 or 3 workers (replicas on their own threads) give the losses one worker
 * computes, for MGS, RS and GLD, one after another and batched within a worker: the same warmed-up
 * network, the same candidate losses within 1e-6, the same reference loss and alpha step, and every
 * worker took a share.
 */
class CandidateWorkersTest {

  @TempDir Path out;

  AlphaUpdate oneUpdate(ArchitectureSearch search, int workers, String run) {
    DevicePool pool = new DevicePool(Collections.nCopies(workers, Device.cpu()), 1, List.of());
    try (SearchSession session =
        SearchSession.open(search, new SearchOptions(null, out.resolve(run), pool))) {
      new SearchLoop(session, new SearchListener() {}).run(0, 1);
      try (StepScope scope = session.openScope()) {
        return session.strategy().update(session.alphaUpdateContext(scope.manager(), 1));
      }
    }
  }

  @ParameterizedTest(name = "{0} batching={1}")
  @CsvSource({"mgs, off", "rs, off", "gld, off", "mgs, on"})
  void candidateLossesWithTwoAndThreeWorkersEqualOneWorkers(String algorithm, String batching) {
    ArchitectureSearch search = CandidateBatchingTest.search(algorithm, batching, false, "train");
    AlphaUpdate one = oneUpdate(search, 1, "one");
    assertThat(one.workerShares())
        .singleElement()
        .satisfies(s -> assertThat(s.device()).isEqualTo("cpu:0"));
    for (int workers : new int[] {2, 3}) {
      AlphaUpdate spread = oneUpdate(search, workers, "w" + workers);
      double[] expected = one.candidateLosses();
      assertThat(spread.candidateLosses()).hasSameSizeAs(expected);
      for (int i = 0; i < expected.length; i++) {
        assertThat(spread.candidateLosses()[i])
            .as("%d workers, candidate %d", workers, i)
            .isCloseTo(expected[i], within(1e-6 * Math.max(1, expected[i])));
      }
      assertThat(spread.loss0()).isCloseTo(one.loss0(), within(1e-6 * Math.max(1, one.loss0())));
      assertThat(spread.stepNorm())
          .isCloseTo(one.stepNorm(), within(1e-6 * Math.max(1, one.stepNorm())));
      assertThat(spread.workerShares()).hasSize(workers);
      assertThat(spread.workerShares())
          .allSatisfy(s -> assertThat(s.candidates()).as(s.device()).isPositive());
      assertThat(spread.workerShares().stream().mapToInt(WorkerShare::candidates).sum())
          .isEqualTo(one.workerShares().get(0).candidates());
    }
    // The candidates differ from one another: the comparison is not between identical numbers.
    assertThat(one.candidateLosses()[0]).isNotEqualTo(one.candidateLosses()[1]);
  }
}
