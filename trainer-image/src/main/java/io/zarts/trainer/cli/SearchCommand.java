package io.zarts.trainer.cli;

import ai.djl.Device;
import io.zarts.api.genotype.Genotype;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchSpec;
import io.zarts.api.v1alpha1.BudgetStatus;
import io.zarts.api.v1alpha1.EvaluationSpec;
import io.zarts.api.v1alpha1.MaxDuration;
import io.zarts.api.validation.ArchitectureSearchFiles;
import io.zarts.api.validation.ArchitectureSearchValidator;
import io.zarts.trainer.checkpoint.FaultInjector;
import io.zarts.trainer.output.SearchOutput;
import io.zarts.trainer.output.TerminationSummary;
import io.zarts.trainer.run.SearchRunner;
import io.zarts.trainer.space.SearchSpace;
import io.zarts.trainer.train.SearchListener;
import io.zarts.trainer.train.SearchOptions;
import io.zarts.trainer.train.SearchResult;
import java.io.PrintWriter;
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
 * Runs the search an ArchitectureSearch file describes, then its evaluation stage when
 * spec.evaluation asks for one (only the evaluation when spec.evaluation.genotype names the cell).
 * Resumes from the newest valid checkpoint in the output folder; on SIGTERM (or Ctrl-C) finishes
 * the step, checkpoints and exits 143 (130).
 */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description =
        "Run the search described by an ArchitectureSearch file (the one you would kubectl apply).")
final class SearchCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "The ArchitectureSearch YAML file.")
  Path file;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description =
          "Candidate workers; overrides spec.trainer.candidateWorkers (0 = one per GPU, or CPUs"
              + " / threads).")
  Integer workers;

  @Mixin RunOptions run;

  @Option(
      names = "--skip-evaluation",
      description =
          "Run the search only, even when spec.evaluation asks for an evaluation (the operator's"
              + " search Job does: it does not run the evaluation stage yet).")
  boolean skipEvaluation;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    Path resultDir = null;
    StopSignals signals = StopSignals.install();
    Observability observability = null;
    try {
      ArchitectureSearch search =
          ArchitectureSearchFiles.load(file, ArchitectureSearchValidator.bundled());
      ArchitectureSearchSpec s = search.getSpec();
      if (workers != null && (workers < 0 || workers > 64)) {
        throw new IllegalArgumentException(
            "--workers: " + workers + " is not a worker count; use 0 (the default) to 64");
      }
      run.configureThreads(s);
      Path dataDir = run.dataDir(s);
      resultDir = run.resultDir(search);
      Device target = run.device(s);
      Consumer<String> log =
          line -> {
            err.println("zarts: " + line);
            err.flush();
          };
      observability = Observability.start(search.getMetadata().getName(), run.metricsPort, log);
      EvaluationSpec evaluation = s.getEvaluation();
      EvaluationStage evaluate =
          new EvaluationStage(
              search, run, resultDir, dataDir, target, observability, signals, stdout, err, log);
      if (evaluation != null && evaluation.getGenotype() != null && !skipEvaluation) {
        // The resource names its genotype: nothing to search, evaluate it.
        return evaluate.run(Genotype.parse(evaluation.getGenotype()));
      }
      SearchOutput output =
          new SearchOutput(
              resultDir,
              SearchSpace.of(s.getSearchSpace().getName(), s.getSearchSpace().getNodes()),
              observability.reports());
      // A live bar only on a terminal, on stdout (the launcher filters stderr line by line); logs
      // get epoch lines.
      boolean terminal = System.console() != null;
      SearchListener listener =
          SearchListener.all(
              run.quiet
                  ? new SearchListener() {}
                  : new ProgressBar(terminal ? stdout : err, terminal),
              output,
              observability.listener());
      SearchRunner runner =
          new SearchRunner(
              search,
              new SearchOptions(dataDir, resultDir, run.devices(s, workers)),
              listener,
              FaultInjector.fromEnvironment(signals::stopRequested),
              log,
              observability.checkpoints());
      SearchResult result = runner.run(signals::stopRequested);
      String genotype = result.genotype().getText();
      if (result.preempted()) {
        int code = signals.exitCode();
        err.println(
            "zarts: stopped by "
                + signals.signalName()
                + " after a checkpoint; run again to resume");
        TerminationSummary.write(
            run.terminationLog,
            TerminationSummary.json(
                "Preempted",
                code,
                result.lastEpoch() == null ? null : result.lastEpoch().epoch(),
                best(result),
                genotype,
                resultDir.toString(),
                null));
        return code;
      }
      stdout.println(genotype);
      stdout.flush();
      BudgetStatus budget = budget(s, result);
      if (result.budgetExhausted()) {
        log.accept(budgetMessage(s, result));
      }
      if (!run.quiet) {
        err.printf(
            "best valid accuracy %.2f%% (epoch %d); results in %s%n",
            100 * result.bestValidAccuracy(), result.bestEpoch(), resultDir);
      }
      if (evaluation != null && !skipEvaluation) {
        return evaluate.run(result.genotype());
      }
      TerminationSummary.write(
          run.terminationLog,
          TerminationSummary.json(
              result.budgetExhausted() ? "BudgetExhausted" : "Succeeded",
              ExitCodes.OK,
              result.epochs(),
              best(result),
              genotype,
              resultDir.toString(),
              null,
              null,
              budget));
      return ExitCodes.OK;
    } catch (RuntimeException e) {
      err.flush();
      int code = Failure.report(e, err);
      TerminationSummary.write(
          run.terminationLog,
          TerminationSummary.json(
              Failure.summaryReason(e, code),
              code,
              null,
              null,
              null,
              resultDir == null ? null : resultDir.toString(),
              e.getMessage()));
      return code;
    } finally {
      if (observability != null) {
        observability.close();
      }
      signals.uninstall();
      stdout.flush();
      err.flush();
    }
  }

  /** The budget block of the termination message; null without training.maxDuration. */
  private static BudgetStatus budget(ArchitectureSearchSpec spec, SearchResult result) {
    return BudgetStatus.report(
        spec.getTraining().getMaxDuration(), result.runSeconds(), result.budgetExhausted());
  }

  static String budgetMessage(ArchitectureSearchSpec spec, SearchResult result) {
    return "training.maxDuration "
        + spec.getTraining().getMaxDuration()
        + " is used up ("
        + MaxDuration.describe(result.runSeconds())
        + " of trainer time) after "
        + result.epochs()
        + " of "
        + spec.getTraining().getEpochs()
        + " epochs; the genotype printed is the one found so far. Raise training.maxDuration"
        + " (or remove it) and run again to continue from the checkpoint.";
  }

  private static Double best(SearchResult result) {
    return result.bestValidAccuracy() < 0 ? null : result.bestValidAccuracy();
  }
}
