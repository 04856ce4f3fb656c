package io.zarts.trainer.cli;

import ai.djl.Device;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.zarts.api.v1alpha1.Algorithm;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.SearchSpaceName;
import io.zarts.api.validation.ArchitectureSearchFiles;
import io.zarts.api.validation.ArchitectureSearchValidator;
import io.zarts.trainer.output.ComparisonRow;
import io.zarts.trainer.output.ComparisonTable;
import io.zarts.trainer.output.Json;
import io.zarts.trainer.run.ComparisonRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Runs a grid of searches from one resource: every algorithm and seed in the resource's search
 * space, and optionally some algorithms in the RobustDARTS spaces; each found cell is retrained
 * when the resource has spec.evaluation. Prints a line per run as it finishes and mean ± std tables
 * at the end. Each run has its own folder under --out; a rerun skips finished runs and resumes the
 * interrupted one from its checkpoints.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description =
        "Run an ArchitectureSearch file once per algorithm and seed (search, then the evaluation stage"
            + " when spec.evaluation is set), and optionally per RobustDARTS space; print a Markdown"
            + " line per run and mean ± std tables. Rerunning resumes where it stopped.")
final class CompareCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE")
  Path file;

  @Option(
      names = "--algorithms",
      split = ",",
      defaultValue = "darts,mgs,rs,gld",
      description = "Algorithms in the resource's search space (default: ${DEFAULT-VALUE}).")
  List<Algorithm> algorithms;

  @Option(
      names = "--seeds",
      defaultValue = "3",
      description = "Seeds 0..N-1 per algorithm (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(
      names = "--robustness",
      split = ",",
      paramLabel = "SPACE",
      description = "Also run --robustness-algorithms in these search spaces, e.g. s2,s3.")
  List<SearchSpaceName> robustness = new ArrayList<>();

  @Option(
      names = "--robustness-algorithms",
      split = ",",
      defaultValue = "darts,mgs",
      description = "Algorithms of the robustness runs (default: ${DEFAULT-VALUE}).")
  List<Algorithm> robustnessAlgorithms;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = "${env:ZARTS_DATA_DIR:-data}")
  Path data;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/compare")
  Path out;

  @Spec CommandSpec spec;

  /** One run of the grid. */
  record Cell(String group, SearchSpaceName space, Algorithm algorithm, int seed) {}

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (seeds < 1) {
        throw new IllegalArgumentException("--seeds: must be at least 1");
      }
      ArchitectureSearchValidator validator = ArchitectureSearchValidator.bundled();
      ArchitectureSearch base = ArchitectureSearchFiles.load(file, validator);
      RunOptions.configureThreads(base.getSpec().getTrainer().getThreads());
      ComparisonRunner runner =
          new ComparisonRunner(
              RunOptions.dataDir(data, base.getSpec()),
              Device.cpu(),
              line -> {
                err.println("zarts: " + line);
                err.flush();
              });
      // Every variant is validated before the first runs, so a bad combination fails at once.
      List<Cell> cells = grid(base.getSpec().getSearchSpace().getName());
      List<ArchitectureSearch> runs = new ArrayList<>();
      for (Cell cell : cells) {
        runs.add(validated(validator, variant(base, cell), cell));
      }
      List<ComparisonRow> rows = new ArrayList<>();
      stdout.print(ComparisonTable.runHeader());
      for (int i = 0; i < cells.size(); i++) {
        Cell cell = cells.get(i);
        ArchitectureSearch run = runs.get(i);
        ComparisonRow row =
            runner.run(run, cell.group(), cell.seed(), out.resolve(run.getMetadata().getName()));
        rows.add(row);
        stdout.print(ComparisonTable.runLine(row));
        stdout.flush();
      }
      stdout.println();
      stdout.print(ComparisonTable.summary(rows));
      stdout.flush();
      return ExitCodes.OK;
    } catch (RuntimeException e) {
      return Failure.report(e, err);
    }
  }

  private static ArchitectureSearch validated(
      ArchitectureSearchValidator validator, ArchitectureSearch variant, Cell cell) {
    try {
      return validator.validated(variant);
    } catch (RuntimeException e) {
      String option = cell.group().equals("robustness") ? "--robustness" : "--algorithms";
      throw new IllegalArgumentException(
          option
              + ": "
              + Json.MAPPER.convertValue(cell.space(), String.class)
              + " with "
              + cell.algorithm().name().toLowerCase()
              + " does not fit FILE: "
              + e.getMessage(),
          e);
    }
  }

  List<Cell> grid(SearchSpaceName baseSpace) {
    List<Cell> cells = new ArrayList<>();
    for (Algorithm a : algorithms) {
      for (int seed = 0; seed < seeds; seed++) {
        cells.add(new Cell("strategies", baseSpace, a, seed));
      }
    }
    for (SearchSpaceName space : robustness) {
      for (Algorithm a : robustnessAlgorithms) {
        for (int seed = 0; seed < seeds; seed++) {
          cells.add(new Cell("robustness", space, a, seed));
        }
      }
    }
    return cells;
  }

  /**
   * The base resource with the cell's space, algorithm and seed; the evaluation takes the same
   * seed, so a seed's cells differ only in their genotypes.
   */
  private static ArchitectureSearch variant(ArchitectureSearch base, Cell cell) {
    ArchitectureSearch copy = Serialization.clone(base);
    String space = Json.MAPPER.convertValue(cell.space(), String.class);
    copy.getMetadata()
        .setName(
            base.getMetadata().getName()
                + (cell.group().equals("robustness") ? "-" + space : "")
                + "-"
                + cell.algorithm().name().toLowerCase()
                + "-"
                + cell.seed());
    copy.getSpec().getSearchSpace().setName(cell.space());
    copy.getSpec().getOptimizer().setAlgorithm(cell.algorithm());
    copy.getSpec().getTraining().setSeed((long) cell.seed());
    if (copy.getSpec().getEvaluation() != null) {
      copy.getSpec().getEvaluation().setSeed((long) cell.seed());
    }
    return copy;
  }
}
