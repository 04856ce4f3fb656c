package io.zarts.trainer.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.zarts.api.genotype.Genotype;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchSpec;
import io.zarts.api.v1alpha1.EvaluationSpec;
import io.zarts.api.validation.ArchitectureSearchFiles;
import io.zarts.api.validation.ArchitectureSearchValidator;
import io.zarts.trainer.data.ImageShape;
import io.zarts.trainer.model.EvalConfig;
import io.zarts.trainer.model.EvalNetwork;
import io.zarts.trainer.nn.ParameterStore;
import io.zarts.trainer.util.Rng;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Runs only the evaluation stage of an ArchitectureSearch file: the genotype from --genotype,
 * spec.evaluation.genotype, or the search's result in the output folder, retrained and scored.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description =
        "Retrain a genotype from scratch as spec.evaluation describes, score it on the test images and"
            + " export the model (the search's result unless --genotype or spec.evaluation.genotype"
            + " names one).")
final class EvaluateCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "The ArchitectureSearch YAML file.")
  Path file;

  @Option(
      names = "--genotype",
      paramLabel = "TEXT",
      description = "The genotype to evaluate (DARTS text form or JSON).")
  String genotype;

  @Option(
      names = "--summary",
      description =
          "Print the evaluation network's parameters (with and without the auxiliary head) and exit.")
  boolean summary;

  @Mixin RunOptions run;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    StopSignals signals = StopSignals.install();
    try {
      ArchitectureSearch search =
          ArchitectureSearchFiles.load(file, ArchitectureSearchValidator.bundled());
      ArchitectureSearchSpec s = search.getSpec();
      if (s.getEvaluation() == null) {
        s.setEvaluation(new EvaluationSpec());
      }
      Path resultDir = run.resultDir(search);
      Genotype cell = genotypeFor(s, resultDir);
      run.configureThreads(s);
      if (summary) {
        printSummary(s, cell, stdout);
        return ExitCodes.OK;
      }
      Path dataDir = run.dataDir(s);
      Consumer<String> log =
          line -> {
            err.println("zarts: " + line);
            err.flush();
          };
      try (Observability observability =
          Observability.start(search.getMetadata().getName(), run.metricsPort, log)) {
        return new EvaluationStage(
                search,
                run,
                resultDir,
                dataDir,
                run.device(s),
                observability,
                signals,
                stdout,
                err,
                log)
            .run(cell);
      }
    } catch (RuntimeException e) {
      err.flush();
      return Failure.report(e, err);
    } finally {
      signals.uninstall();
      stdout.flush();
      err.flush();
    }
  }

  private Genotype genotypeFor(ArchitectureSearchSpec s, Path resultDir) {
    if (genotype != null) {
      try {
        return Genotype.parse(genotype);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("--genotype: does not parse: " + e.getMessage(), e);
      }
    }
    if (s.getEvaluation().getGenotype() != null) {
      return Genotype.parse(s.getEvaluation().getGenotype());
    }
    Path found = resultDir.resolve("genotype.txt");
    // summary.json appears only when the search finished: genotype.txt alone may be an epoch's.
    if (!Files.exists(resultDir.resolve("summary.json")) || !Files.exists(found)) {
      throw new IllegalArgumentException(
          "spec.evaluation.genotype: no finished search in "
              + resultDir
              + " to take the genotype from; run the search to its end first, give --genotype TEXT,"
              + " or set spec.evaluation.genotype");
    }
    try {
      return Genotype.parse(Files.readString(found).strip());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + found + ": " + e.getMessage(), e);
    }
  }

  /**
   * The network's size, built on the CPU for the dataset's image shape and classes (no data read).
   */
  private static void printSummary(ArchitectureSearchSpec s, Genotype cell, PrintWriter out) {
    ImageShape data = ImageShape.of(s.getDataset());
    EvaluationSpec e = s.getEvaluation();
    long withoutHead = count(e, cell, data, false);
    String withHead;
    try {
      withHead = String.format("%,d", count(e, cell, data, true));
    } catch (IllegalArgumentException noHead) {
      withHead = "none (" + noHead.getMessage() + ")";
    }
    out.printf(
        "evaluation network: %d cells, %d initial channels, %d classes, %dx%dx%d images%n",
        e.getLayers(),
        e.getInitChannels(),
        data.classes(),
        data.channels(),
        data.height(),
        data.width());
    out.printf("parameters: %,d%n", withoutHead);
    out.printf("parameters with the auxiliary head: %s%n", withHead);
  }

  private static long count(EvaluationSpec e, Genotype cell, ImageShape data, boolean head) {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      ParameterStore store = new ParameterStore(manager, new Rng(0));
      new EvalNetwork(
          new EvalConfig(
              e.getInitChannels(),
              e.getLayers(),
              data.classes(),
              data.channels(),
              data.height(),
              head),
          cell,
          store);
      return store.weightCount();
    }
  }
}
