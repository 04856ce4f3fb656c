package io.zarts.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.zarts.api.progress.TrainerProgress;
import io.zarts.api.progress.TrainerState;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.trainer.SameFiles;
import io.zarts.trainer.TestSearches;
import io.zarts.trainer.checkpoint.FaultInjector;
import io.zarts.trainer.output.SearchOutput;
import io.zarts.trainer.space.SearchSpace;
import io.zarts.trainer.train.SearchListener;
import io.zarts.trainer.train.SearchResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * training.maxDuration on a clock the test drives: every weight step takes exactly one second, so
 * the budget runs out after a known step on any machine. A used-up budget stops the search with a
 * checkpoint and the genotype so far; a rerun with the same budget trains nothing; a raised budget
 * continues, and the search ends exactly as an uninterrupted one.
 */
class TimeBudgetTest {

  @TempDir Path work;

  record Run(SearchResult result, List<TrainerProgress> reports, int steps) {}

  static ArchitectureSearch search(String maxDuration) {
    return TestSearches.search(
        "budget",
        TestSearches.tinySpec(
            64,
            "algorithm: mgs, samples: 2, innerSteps: 1, innerBatchSize: 4, warmupEpochs: 1,"
                + " updateEvery: 2",
            "epochs: 3, batchSize: 8"
                + (maxDuration == null ? "" : ", maxDuration: " + maxDuration)));
  }

  static Run run(Path out, String maxDuration) {
    ArchitectureSearch search = search(maxDuration);
    AtomicLong nanos = new AtomicLong(1_000);
    AtomicInteger steps = new AtomicInteger();
    List<TrainerProgress> reports = new ArrayList<>();
    SearchListener oneSecondPerStep =
        new SearchListener() {
          @Override
          public void onWeightStep(long globalStep, double seconds) {
            nanos.addAndGet(1_000_000_000L);
            steps.incrementAndGet();
          }
        };
    SearchOutput output =
        new SearchOutput(
            out,
            SearchSpace.of(
                search.getSpec().getSearchSpace().getName(),
                search.getSpec().getSearchSpace().getNodes()),
            reports::add);
    SearchResult result =
        new SearchRunner(
                search,
                TestSearches.cpu(null, out),
                SearchListener.all(oneSecondPerStep, output),
                FaultInjector.NONE,
                line -> {},
                saved -> {})
            .run(() -> false, nanos::get);
    return new Run(result, reports, steps.get());
  }

  static List<String> checkpoints(Path out) throws IOException {
    try (Stream<Path> files = Files.list(out)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("epoch-"))
          .sorted()
          .toList();
    }
  }

  @Test
  void aUsedUpBudgetStopsTheSearchAndARaisedOneContinuesIt() throws IOException {
    Path reference = work.resolve("reference");
    Run uninterrupted = run(reference, null);
    int stepsPerEpoch = uninterrupted.steps() / 3;
    assertThat(stepsPerEpoch).as("the test needs epochs of more than 3 steps").isGreaterThan(3);

    Path out = work.resolve("budget");
    Run first = run(out, "2500ms");
    assertThat(first.steps()).as("1 s per step: used up after the third").isEqualTo(3);
    SearchResult r = first.result();
    assertThat(r.budgetExhausted()).isTrue();
    assertThat(r.preempted()).isFalse();
    assertThat(r.epochs()).isZero();
    assertThat(r.runSeconds()).isEqualTo(3.0);
    assertThat(checkpoints(out)).containsExactly("epoch-000000-step-000003");
    TrainerProgress last = first.reports().get(first.reports().size() - 1);
    assertThat(last.getState()).isEqualTo(TrainerState.SUCCEEDED);
    assertThat(last.getEpoch()).isZero();
    assertThat(last.getGenotype()).isEqualTo(r.genotype());
    assertThat(last.getBudget().getMaxDuration()).isEqualTo("2500ms");
    assertThat(last.getBudget().getUsedSeconds()).isEqualTo(3.0);
    assertThat(last.getBudget().getExhausted()).isTrue();

    Run again = run(out, "2500ms");
    assertThat(again.steps()).as("the budget is spent: nothing to train").isZero();
    assertThat(again.result().budgetExhausted()).isTrue();
    assertThat(again.result().genotype()).isEqualTo(r.genotype());
    assertThat(checkpoints(out)).containsExactly("epoch-000000-step-000003");

    Run raised = run(out, "7s");
    assertThat(raised.steps()).isEqualTo(4);
    assertThat(raised.result().budgetExhausted()).isTrue();
    assertThat(raised.result().epochs()).isEqualTo(stepsPerEpoch == 4 ? 1 : 0);
    assertThat(raised.result().runSeconds()).isEqualTo(7.0);

    Run rest = run(out, "1h");
    assertThat(rest.steps()).isEqualTo(uninterrupted.steps() - 7);
    assertThat(rest.result().budgetExhausted()).isFalse();
    assertThat(rest.result().epochs()).isEqualTo(3);
    assertThat(rest.result().runSeconds()).isEqualTo(uninterrupted.steps());
    assertThat(rest.result().genotype()).isEqualTo(uninterrupted.result().genotype());
    SameFiles.assertSameBytes(
        out.resolve("epoch-000003"),
        reference.resolve("epoch-000003"),
        "alphas.bin",
        "weights.bin");
    TrainerProgress done = rest.reports().get(rest.reports().size() - 1);
    assertThat(done.getBudget().getExhausted()).isFalse();
    assertThat(done.getBudget().getUsedSeconds()).isEqualTo((double) uninterrupted.steps());
  }
}
