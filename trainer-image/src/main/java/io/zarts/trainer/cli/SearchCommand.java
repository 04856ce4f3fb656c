package io.zarts.trainer.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchSpec;
import io.zarts.api.v1alpha1.DataVolume;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Runs the search an ArchitectureSearch file describes. Resumes from the newest valid checkpoint in
 * the output folder; on SIGTERM (or Ctrl-C) finishes the step, checkpoints and exits 143 (130).
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
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "runs",
      description = "Results and checkpoints go to DIR/<name>/ (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--output-dir",
      paramLabel = "DIR",
      description =
          "Results and checkpoints go to exactly DIR (the trainer pod uses /checkpoints).")
  Path outputDir;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      defaultValue = "${env:ZARTS_DATA_DIR:-data}",
      description =
          "The folder standing for the dataset claim; spec.dataset.volume.subPath is resolved inside it"
              + " (default: $ZARTS_DATA_DIR or ./data).")
  Path data;

  @Option(
      names = "--device",
      paramLabel = "auto|cpu|gpu",
      description = "Overrides spec.trainer.device.")
  io.zarts.api.v1alpha1.Device device;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "CPU threads; overrides spec.trainer.threads" + " (0 = one per core).")
  Integer threads;

  @Option(
      names = "--termination-log",
      paramLabel = "FILE",
      defaultValue = "${env:ZARTS_TERMINATION_LOG:-/dev/termination-log}",
      description =
          "Where to write the exit summary (default: ${DEFAULT-VALUE}; skipped when absent).")
  Path terminationLog;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      defaultValue = "${env:ZARTS_METRICS_PORT:--1}",
      description =
          "Serve Prometheus metrics on :PORT/metrics (the pod uses 9400); -1 (default here) is off.")
  int metricsPort;

  @Option(names = "--quiet", description = "No progress bar; only the result.")
  boolean quiet;

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
      configureThreads(threads != null ? threads : s.getTrainer().getThreads());
      Path dataDir = dataDir(s);
      resultDir = outputDir != null ? outputDir : out.resolve(search.getMetadata().getName());
      Device target = resolveDevice(device != null ? device : s.getTrainer().getDevice());
      Consumer<String> log =
          line -> {
            err.println("zarts: " + line);
            err.flush();
          };
      observability = Observability.start(search.getMetadata().getName(), metricsPort, log);
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
              quiet ? new SearchListener() {} : new ProgressBar(terminal ? stdout : err, terminal),
              output,
              observability.listener());
      SearchRunner runner =
          new SearchRunner(
              search,
              new SearchOptions(dataDir, resultDir, target),
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
            terminationLog,
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
      if (!quiet) {
        err.printf(
            "best valid accuracy %.2f%% (epoch %d); results in %s%n",
            100 * result.bestValidAccuracy(), result.bestEpoch(), resultDir);
      }
      TerminationSummary.write(
          terminationLog,
          TerminationSummary.json(
              "Succeeded",
              ExitCodes.OK,
              s.getTraining().getEpochs(),
              best(result),
              genotype,
              resultDir.toString(),
              null));
      return ExitCodes.OK;
    } catch (RuntimeException e) {
      err.flush();
      int code = Failure.report(e, err);
      TerminationSummary.write(
          terminationLog,
          TerminationSummary.json(
              code == ExitCodes.INTERNAL ? "Error" : "Failed",
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

  private static Double best(SearchResult result) {
    return result.bestValidAccuracy() < 0 ? null : result.bestValidAccuracy();
  }

  /** DJL reads its thread settings once, when the engine starts: they must be set before. */
  static void configureThreads(int requested) {
    int n = requested > 0 ? requested : Runtime.getRuntime().availableProcessors();
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(n));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    System.setProperty("ai.djl.offline", "true");
  }

  private Path dataDir(ArchitectureSearchSpec s) {
    if (!s.getDataset().getName().needsFiles()) {
      return null;
    }
    DataVolume volume = s.getDataset().getVolume();
    Path dir = volume.getSubPath() == null ? data : data.resolve(volume.getSubPath());
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          "spec.dataset.volume: dataset folder "
              + dir
              + " not found; put the "
              + s.getDataset().getName().name().toLowerCase()
              + " files there or pass --data DIR (the folder that"
              + " stands for claim "
              + volume.getClaimName()
              + ")");
    }
    return dir;
  }

  private static Device resolveDevice(io.zarts.api.v1alpha1.Device wanted) {
    int gpus = wanted == io.zarts.api.v1alpha1.Device.CPU ? 0 : Engine.getInstance().getGpuCount();
    return switch (wanted) {
      case CPU -> Device.cpu();
      case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
      case GPU -> {
        if (gpus == 0) {
          throw new IllegalArgumentException(
              "spec.trainer.device: gpu requested but no GPU is visible; use auto" + " or cpu");
        }
        yield Device.gpu();
      }
    };
  }

  /**
   * SIGTERM and SIGINT ask the loop to stop after the current step; the process then exits 128 +
   * signal.
   */
  static final class StopSignals {

    private final AtomicReference<String> received = new AtomicReference<>();
    private final Map<String, SignalHandler> previous = new HashMap<>();

    static StopSignals install() {
      StopSignals s = new StopSignals();
      for (String name : new String[] {"TERM", "INT"}) {
        try {
          s.previous.put(
              name,
              Signal.handle(
                  new Signal(name), sig -> s.received.compareAndSet(null, sig.getName())));
        } catch (IllegalArgumentException e) {
          // Signal not available on this platform.
        }
      }
      return s;
    }

    boolean stopRequested() {
      return received.get() != null;
    }

    String signalName() {
      return "SIG" + received.get();
    }

    int exitCode() {
      return "INT".equals(received.get()) ? 130 : 143;
    }

    void uninstall() {
      previous.forEach((name, handler) -> Signal.handle(new Signal(name), handler));
    }
  }
}
