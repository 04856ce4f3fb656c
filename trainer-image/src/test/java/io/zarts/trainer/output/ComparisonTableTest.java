package io.zarts.trainer.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison's summary: mean ± sample standard deviation per group, space and algorithm. */
class ComparisonTableTest {

  static ComparisonRow row(String algorithm, int seed, double test, int parameterFree) {
    return new ComparisonRow(
        "strategies",
        "darts-no-none",
        algorithm,
        seed,
        0.8,
        0.82,
        100 + seed,
        10,
        0.5,
        1e-3,
        0.05,
        parameterFree,
        8,
        "Genotype(normal=[('skip_connect', 0)], normal_concat=[2], reduce=[], reduce_concat=[2])",
        test,
        37_018L,
        20.0);
  }

  @Test
  void meansAndSampleStandardDeviationsPerAlgorithm() {
    String table =
        ComparisonTable.summary(
            List.of(
                row("mgs", 0, 0.70, 2),
                row("mgs", 1, 0.80, 4),
                row("mgs", 2, 0.90, 6),
                row("darts", 0, 0.60, 8)));
    assertThat(table.lines())
        .anyMatch(
            l ->
                l.startsWith(
                    "| strategies | darts-no-none | mgs | 3 | 0.8000 ± 0.1000 | 0.8000 ± 0.0000 |"
                        + " 37,018 | 101 ± 1 |"))
        .anyMatch(l -> l.contains("| 4.0 ± 2.0 of 8 |"))
        .anyMatch(
            l -> l.startsWith("| strategies | darts-no-none | darts | 1 | 0.6000 ± 0.0000 |"));
  }

  @Test
  void aRunLineShowsTheNormalCellAndNaWithoutEvaluation() {
    ComparisonRow r = row("rs", 0, 0.7, 1);
    ComparisonRow searchOnly =
        new ComparisonRow(
            r.group(),
            r.space(),
            r.algorithm(),
            r.seed(),
            r.finalValidAccuracy(),
            r.bestValidAccuracy(),
            r.searchSeconds(),
            r.alphaUpdates(),
            r.secondsPerAlphaUpdate(),
            r.meanStepNorm(),
            r.alphaSpread(),
            r.parameterFreeNormal(),
            r.normalEdges(),
            r.genotype(),
            null,
            null,
            null);
    assertThat(ComparisonTable.runLine(searchOnly))
        .contains("| n/a | n/a |")
        .contains("`[('skip_connect', 0)]`");
  }
}
