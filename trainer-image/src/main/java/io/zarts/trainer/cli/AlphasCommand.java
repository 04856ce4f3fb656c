package io.zarts.trainer.cli;

import io.zarts.trainer.output.AlphaHistory;
import io.zarts.trainer.output.AlphaHistorySvg;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Draws how a search's alphas moved, from the alphas.json it wrote after each epoch. */
@Command(
    name = "alphas",
    mixinStandardHelpOptions = true,
    description =
        "Draw each edge's operation weights (softmax of the alphas) over the epochs of a search:"
            + " one small chart per edge, normal cell then reduction cell. DIR is the search's"
            + " output folder (runs/<name>).")
final class AlphasCommand implements Callable<Integer> {

  /** Output formats; picocli refuses any other value, naming the option. */
  enum Format {
    SVG
  }

  @Parameters(index = "0", paramLabel = "DIR")
  Path dir;

  @Option(
      names = "--format",
      defaultValue = "svg",
      paramLabel = "svg",
      description = "svg, the only format so far. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to FILE instead of stdout.")
  Path output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      AlphaHistory history = AlphaHistory.read(dir);
      String rendered =
          switch (format) {
            case SVG -> AlphaHistorySvg.render(history, title(history));
          };
      OutputFile.write(rendered, output, out);
      return ExitCodes.OK;
    } catch (RuntimeException e) {
      return Failure.report(e, spec.commandLine().getErr());
    } finally {
      out.flush();
    }
  }

  private String title(AlphaHistory history) {
    Path name = dir.toAbsolutePath().normalize().getFileName();
    List<Integer> epochs = history.epochs();
    String span =
        epochs.size() == 1
            ? "epoch " + epochs.get(0)
            : "epochs " + epochs.get(0) + " to " + epochs.get(epochs.size() - 1);
    return "alphas of " + (name == null ? dir : name) + ", " + span;
  }
}
