package io.zarts.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zarts.trainer.bench.BenchConfig;
import io.zarts.trainer.bench.BenchResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchCommandTest {

  static BenchResult result(int workers, double sequentialMs, double batchedMs) {
    return new BenchResult(
        BenchConfig.MICRO,
        10,
        400,
        Map.of("mgs", new double[] {sequentialMs, batchedMs}),
        100L << 20,
        500,
        Map.of("mgs", new long[] {9000, 3000}),
        workers);
  }

  @Test
  void withSeveralWorkerCountsTheTableGivesEachCountsSpeedUpOverTheFirst() {
    String table = BenchCommand.table(List.of(result(1, 900, 600), result(2, 500, 400)), null);
    // The weight step is one row per configuration, the alpha updates one per worker count.
    assertThat(table.lines().filter(l -> l.startsWith("| micro | 2 / 2 / 8 / 4 |"))).hasSize(1);
    assertThat(table).contains("| micro | mgs | 1 | 900 | 600 | 1.50 | 9000 / 3000 |");
    assertThat(table).contains("| micro | mgs | 2 | 500 | 400 | 1.25 | 9000 / 3000 |");
    assertThat(table).contains("| micro | mgs | 2 | 1 | 1.80 | 1.50 |");
  }

  @Test
  void oneWorkerCountHasNoSpeedUpTable() {
    assertThat(BenchCommand.table(List.of(result(1, 900, 600)), null)).doesNotContain("vs workers");
  }
}
