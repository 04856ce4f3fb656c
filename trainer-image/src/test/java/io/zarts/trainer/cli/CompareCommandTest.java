package io.zarts.trainer.cli;

import static io.zarts.trainer.cli.ZartsCliTest.zarts;
import static org.assertj.core.api.Assertions.assertThat;

import io.zarts.trainer.TestSearches;
import io.zarts.trainer.run.ComparisonRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * zarts compare runs its grid (search, then the evaluation of each found cell), prints a line per
 * run and the mean ± std tables, and a rerun reads finished cells back instead of running them.
 */
class CompareCommandTest {

  @TempDir Path dir;

  @Test
  void theGridRunsSearchesAndEvaluationsAndARerunSkipsFinishedCells() throws Exception {
    Path file = dir.resolve("grid.yaml");
    Files.writeString(file, TestSearches.tinyComparison("grid"));
    String[] args = {
      "compare",
      file.toString(),
      "--seeds",
      "1",
      "--algorithms",
      "gld",
      "--robustness",
      "s3",
      "--robustness-algorithms",
      "darts",
      "--out",
      dir.resolve("out").toString()
    };
    ZartsCliTest.Run first = zarts(args);
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("| strategies | darts-no-none | gld | 0 |")
        .contains("| robustness | s3 | darts | 0 |")
        .contains("| runs | test acc |");
    Path gld = dir.resolve("out/grid-gld-0");
    Path s3 = dir.resolve("out/grid-s3-darts-0");
    assertThat(gld.resolve("evaluation/summary.json")).exists();
    assertThat(s3.resolve("summary.json")).exists();
    assertThat(Files.readString(s3.resolve(ComparisonRunner.ROW_FILE)))
        .contains("\"space\" : \"s3\"");

    // The rerun reads both rows back: nothing is searched or retrained again.
    FileTime searched = Files.getLastModifiedTime(gld.resolve("summary.json"));
    ZartsCliTest.Run second = zarts(args);
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.out()).isEqualTo(first.out());
    assertThat(Files.getLastModifiedTime(gld.resolve("summary.json"))).isEqualTo(searched);
  }

  @Test
  void aRobustnessSpaceThatDoesNotFitTheFileFailsBeforeAnythingRuns() throws Exception {
    Path file = dir.resolve("two-nodes.yaml");
    Files.writeString(
        file,
        TestSearches.resource(
            "two-nodes",
            TestSearches.tinySpec(48, "algorithm: mgs, warmupEpochs: 0", "epochs: 1, batchSize: 8")
                + "  trainer: {device: cpu, threads: 1}\n"));
    ZartsCliTest.Run run =
        zarts(
            "compare",
            file.toString(),
            "--seeds",
            "1",
            "--robustness",
            "s2",
            "--out",
            dir.resolve("out").toString());
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_CONFIG);
    assertThat(run.err()).contains("--robustness: s2 with darts").contains("searchSpace.nodes");
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
