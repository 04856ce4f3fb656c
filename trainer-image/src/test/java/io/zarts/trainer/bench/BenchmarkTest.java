package io.zarts.trainer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * zarts bench end to end on a configuration small enough for a unit test: every number is measured
 * and sane.
 */
class BenchmarkTest {

  @Test
  void measuresWeightStepsAlphaUpdatesAndMemory() {
    BenchConfig micro = BenchConfig.MICRO;
    List<String> log = new ArrayList<>();
    BenchResult r = new Benchmark(1, List.of("mgs", "rs"), log::add).run(micro).get(0);
    assertThat(r.weightStepMs()).isPositive();
    assertThat(r.imagesPerSecond()).isCloseTo(4000 / r.weightStepMs(), Offset.offset(1e-6));
    assertThat(r.alphaUpdateMs()).containsOnlyKeys("mgs", "rs");
    r.alphaUpdateMs()
        .values()
        .forEach(
            ms ->
                assertThat(ms)
                    .hasSize(2)
                    .doesNotContain(0.0)
                    .satisfies(a -> assertThat(Math.min(a[0], a[1])).isPositive()));
    assertThat(r.peakRssBytes()).isGreaterThan(10L << 20);
    // A weight step makes hundreds of tensors even on the micro supernet; an alpha update, with
    // its candidates' inner steps, many times more.
    assertThat(r.weightStepArrays()).isGreaterThan(100);
    assertThat(r.alphaUpdateArrays()).containsOnlyKeys("mgs", "rs");
    r.alphaUpdateArrays()
        .values()
        .forEach(n -> assertThat(Math.min(n[0], n[1])).isGreaterThan(r.weightStepArrays()));
    assertThat(log).hasSize(3);
    long[] trend = new Benchmark(1, List.of(), s -> {}).memoryTrend(micro, 6, 2, 3);
    assertThat(trend).hasSize(2);
    assertThat(Math.min(trend[0], trend[1])).isPositive();
  }

  @Test
  void timesEachAlphaUpdateOnEveryWorkerCountAskedFor() {
    List<String> log = new ArrayList<>();
    List<BenchResult> results =
        new Benchmark(1, List.of("mgs"), List.of(1, 2), log::add).run(BenchConfig.MICRO);
    assertThat(results).extracting(BenchResult::workers).containsExactly(1, 2);
    assertThat(results)
        .allSatisfy(
            r ->
                assertThat(r.alphaUpdateMs().get("mgs"))
                    .satisfies(ms -> assertThat(Math.min(ms[0], ms[1])).isPositive()));
    assertThat(log).anyMatch(line -> line.contains("mgs alpha update, 2 workers"));
  }

  @Test
  void theStandardConfigurationsAreTheDocumentedOnes() {
    assertThat(BenchConfig.standard())
        .extracting(BenchConfig::name)
        .containsExactly("tiny", "small", "full");
    BenchConfig full = BenchConfig.standard().get(2);
    assertThat(List.of(full.channels(), full.layers(), full.imageSize(), full.batch()))
        .containsExactly(16, 8, 32, 64);
    assertThat(full.alphaUpdates()).isFalse();
    assertThat(BenchConfig.standard().get(0).samples()).isEqualTo(4);
    assertThat(BenchConfig.standard().get(0).innerSteps()).isEqualTo(10);
  }
}
