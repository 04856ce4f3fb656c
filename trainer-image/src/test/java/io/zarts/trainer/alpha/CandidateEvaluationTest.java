package io.zarts.trainer.alpha;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import io.zarts.trainer.TestSearches;
import io.zarts.trainer.model.SearchModel;
import io.zarts.trainer.nn.StepScope;
import io.zarts.trainer.train.SearchListener;
import io.zarts.trainer.train.SearchLoop;
import io.zarts.trainer.train.SearchSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * On the supernet: an alpha update changes only the alphas. Weights, batch-norm statistics and the
 * main optimizer's momentum are bit-identical afterwards, and every candidate trained and was
 * scored on the same batches.
 */
class CandidateEvaluationTest {

  @TempDir Path out;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"mgs", "rs", "gld"})
  void anUpdateTouchesOnlyTheAlphas(String algorithm) {
    var search =
        TestSearches.search(
            "crn-" + algorithm,
            """
          dataset:
            name: synthetic
            synthetic: {samples: 64, imageSize: 8, classes: 3}
          searchSpace: {layers: 2, initChannels: 4, nodes: 2}
          optimizer:
            algorithm: %s
            samples: 3
            innerSteps: 2
            innerBatchSize: 4
            warmupEpochs: 1
            gld: {maxRadius: 0.5, minRadius: 0.1}
            candidateEval: {batches: 2}
          training: {epochs: 2, batchSize: 8}
        """
                .formatted(algorithm));
    try (SearchSession session = SearchSession.open(search, TestSearches.cpu(null, out))) {
      // One warm-up epoch, so momentum buffers and running statistics are not trivially zero or
      // one.
      new SearchLoop(session, new SearchListener() {}).run(0, 1);
      SearchModel model = session.model();
      List<float[]> weightsBefore = copy(model.weights());
      List<float[]> buffersBefore =
          copy(model.net().parameters().buffers().stream().map(e -> e.array()).toList());
      List<float[]> momentumBefore = copy(session.sgd().state());
      List<float[]> alphasBefore = copy(model.alphas().both());
      List<float[]> weightGradientsBefore = gradients(model.weights());

      List<SupernetObjective.CandidateTrace> traces = new ArrayList<>();
      ZeroOrderStrategy strategy = (ZeroOrderStrategy) session.strategy();
      strategy.traceCandidates(traces::add);
      AlphaUpdate update;
      try (StepScope scope = session.openScope()) {
        update = strategy.update(session.alphaUpdateContext(scope.manager(), 1));
      }

      assertThat(copy(model.weights())).as("weights").containsExactlyElementsOf(weightsBefore);
      assertThat(copy(model.net().parameters().buffers().stream().map(e -> e.array()).toList()))
          .as("batch-norm statistics")
          .containsExactlyElementsOf(buffersBefore);
      assertThat(copy(session.sgd().state()))
          .as("main momentum")
          .containsExactlyElementsOf(momentumBefore);
      // Failed before for mgs: the pass for the alphas' gradient G filled every weight's too.
      assertThat(gradients(model.weights()))
          .as("the weights' gradients")
          .containsExactlyElementsOf(weightGradientsBefore);
      if (!algorithm.equals("gld") || update.stepNorm() > 0) {
        assertThat(copy(model.alphas().both())).as("alphas").isNotEqualTo(alphasBefore);
      }

      int expected =
          switch (algorithm) {
            case "mgs" -> 3;
            case "rs" -> 6;
            default -> new GradientlessDescent(0.5, 0.1).radii();
          };
      // GLD also trains and scores u = 0 the same way: its "no move" reference (with inner steps).
      assertThat(traces).hasSize(algorithm.equals("gld") ? expected + 1 : expected);
      for (SupernetObjective.CandidateTrace t : traces) {
        assertThat(t.innerBatches()).hasSize(2);
        assertThat(t.scoringBatches()).hasSize(2);
        for (int b = 0; b < 2; b++) {
          assertThat(t.innerBatches().get(b)).isSameAs(traces.get(0).innerBatches().get(b));
          assertThat(t.scoringBatches().get(b)).isSameAs(traces.get(0).scoringBatches().get(b));
        }
      }
      assertThat(update.candidateLosses()).hasSize(expected);
      assertThat(Arrays.stream(update.candidateLosses()).allMatch(Double::isFinite)).isTrue();
    }
  }

  static List<float[]> gradients(List<NDArray> weights) {
    return weights.stream()
        .map(
            w -> {
              try (NDArray g = w.getGradient()) {
                return g.toFloatArray();
              }
            })
        .toList();
  }

  static List<float[]> copy(List<NDArray> arrays) {
    return arrays.stream().map(NDArray::toFloatArray).toList();
  }
}
