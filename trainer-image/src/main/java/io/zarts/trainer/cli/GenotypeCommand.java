package io.zarts.trainer.cli;

import io.zarts.api.genotype.ConcatStyle;
import io.zarts.api.genotype.Genotype;
import io.zarts.trainer.genotype.GenotypeSvg;
import io.zarts.trainer.output.Json;
import io.zarts.trainer.output.SearchOutput;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints or draws the genotype of a finished or running search. */
@Command(
    name = "genotype",
    mixinStandardHelpOptions = true,
    description =
        "Print the genotype of a search: DIR is its output folder (runs/<name>), a folder holding one"
            + " search, or a genotype.json or genotype.txt file.")
final class GenotypeCommand implements Callable<Integer> {

  /** Output formats. */
  enum Format {
    TEXT,
    JSON,
    ZARTS,
    SVG
  }

  @Parameters(index = "0", paramLabel = "DIR")
  Path location;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "text|json|zarts|svg",
      description =
          "text (the DARTS repr), json (structured), zarts (the ZARTS reference's JSON) or svg (a picture"
              + " of both cells). Default: ${DEFAULT-VALUE}.")
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
      Path source = locate(location);
      Genotype genotype = read(source);
      String rendered =
          switch (format) {
            case TEXT -> genotype.toText(ConcatStyle.RANGE) + "\n";
            case JSON -> Json.write(genotype);
            case ZARTS -> genotype.toZartsJson() + "\n";
            case SVG -> GenotypeSvg.render(genotype, title(source));
          };
      OutputFile.write(rendered, output, out);
      return ExitCodes.OK;
    } catch (RuntimeException e) {
      return Failure.report(e, spec.commandLine().getErr());
    } finally {
      out.flush();
    }
  }

  static Path locate(Path location) {
    if (Files.isRegularFile(location)) {
      return location;
    }
    if (!Files.isDirectory(location)) {
      throw new IllegalArgumentException(
          location + ": no such file or folder; give a search's output folder" + " (runs/<name>)");
    }
    for (String name : new String[] {SearchOutput.GENOTYPE_JSON, SearchOutput.GENOTYPE_TXT}) {
      if (Files.isRegularFile(location.resolve(name))) {
        return location.resolve(name);
      }
    }
    try (Stream<Path> children = Files.list(location)) {
      List<Path> searches =
          children
              .filter(p -> Files.isRegularFile(p.resolve(SearchOutput.GENOTYPE_JSON)))
              .sorted()
              .toList();
      if (searches.size() == 1) {
        return searches.get(0).resolve(SearchOutput.GENOTYPE_JSON);
      }
      throw new IllegalArgumentException(
          location
              + ": "
              + (searches.isEmpty()
                  ? "holds no genotype yet (the search writes one after its first epoch)"
                  : "holds " + searches.size() + " searches; name one of " + searches));
    } catch (IOException e) {
      throw new IllegalArgumentException(location + ": cannot list: " + e.getMessage(), e);
    }
  }

  static Genotype read(Path file) {
    try {
      String text = Files.readString(file);
      if (file.getFileName().toString().endsWith(".json") && text.contains("\"normalConcat\"")) {
        return Json.MAPPER.readValue(text, Genotype.class);
      }
      return Genotype.parse(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static String title(Path source) {
    Path dir = source.toAbsolutePath().getParent();
    return "genotype of " + (dir == null ? source : dir.getFileName());
  }
}
