package io.zarts.trainer.cli;

import ai.djl.Device;
import io.zarts.api.genotype.Genotype;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.trainer.checkpoint.FaultInjector;
import io.zarts.trainer.evaluate.EvaluationListener;
import io.zarts.trainer.evaluate.EvaluationOutput;
import io.zarts.trainer.output.Json;
import io.zarts.trainer.output.TerminationSummary;
import io.zarts.trainer.run.EvaluationRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The evaluation stage from the command line, as zarts search (after the search) and zarts evaluate
 * run it: the retraining in resultDir/evaluation, the progress bar, the result line, and the
 * termination summary. Returns the exit code.
 */
final class EvaluationStage {

  /** The folder of the evaluation stage inside a search's results. */
  static final String FOLDER = "evaluation";

  private final ArchitectureSearch search;
  private final RunOptions run;
  private final Path resultDir;
  private final Path dataDir;
  private final Device device;
  private final Observability observability;
  private final StopSignals signals;
  private final PrintWriter stdout;
  private final PrintWriter err;
  private final Consumer<String> log;

  EvaluationStage(
      ArchitectureSearch search,
      RunOptions run,
      Path resultDir,
      Path dataDir,
      Device device,
      Observability observability,
      StopSignals signals,
      PrintWriter stdout,
      PrintWriter err,
      Consumer<String> log) {
    this.search = search;
    this.run = run;
    this.resultDir = resultDir;
    this.dataDir = dataDir;
    this.device = device;
    this.observability = observability;
    this.signals = signals;
    this.stdout = stdout;
    this.err = err;
    this.log = log;
  }

  /** Evaluates the genotype; returns the exit code. */
  int run(Genotype genotype) {
    Path dir = resultDir.resolve(FOLDER);
    boolean terminal = System.console() != null;
    EvaluationOutput output =
        new EvaluationOutput(dir, genotype, observability.evaluationReports());
    EvaluationListener listener =
        EvaluationListener.all(
            run.quiet
                ? new EvaluationListener() {}
                : new ProgressBar(terminal ? stdout : err, terminal),
            observability.evaluationListener(),
            output);
    EvaluationRunner.Outcome outcome =
        new EvaluationRunner(
                search,
                genotype,
                dataDir,
                dir,
                device,
                listener,
                FaultInjector.fromEnvironment(signals::stopRequested),
                log,
                observability.checkpoints())
            .run(signals::stopRequested);
    var result = outcome.result();
    Integer epoch = result.lastEpoch() == null ? null : result.lastEpoch().epoch();
    if (result.preempted()) {
      int code = signals.exitCode();
      err.println(
          "zarts: evaluation stopped by "
              + signals.signalName()
              + " after a checkpoint; run again to resume");
      TerminationSummary.write(
          run.terminationLog,
          TerminationSummary.json(
              "Preempted", code, epoch, null, genotype.getText(), dir.toString(), null, null));
      return code;
    }
    output.succeeded(outcome.testAccuracy(), outcome.modelDir());
    stdout.printf(
        "test accuracy %.4f (%s, final epoch of %d), %,d parameters; model in %s%n",
        outcome.testAccuracy(),
        Json.MAPPER.convertValue(search.getSpec().getDataset().getName(), String.class),
        search.getSpec().getEvaluation().getEpochs(),
        result.parameters(),
        outcome.modelDir());
    TerminationSummary.write(
        run.terminationLog,
        TerminationSummary.json(
            "Succeeded",
            ExitCodes.OK,
            search.getSpec().getEvaluation().getEpochs(),
            null,
            genotype.getText(),
            dir.toString(),
            null,
            outcome.testAccuracy()));
    return ExitCodes.OK;
  }
}
