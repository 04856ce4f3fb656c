package io.zarts.trainer.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.zarts.trainer.devices.DevicePool;
import io.zarts.trainer.devices.EngineBuild;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Loads the deep-learning engine and prints what it found. The image build runs it with --require:
 * that extracts (or, for CUDA, downloads) libtorch into the image and fails the build when the
 * engine is not the flavour the image is named for.
 */
@Command(
    name = "engine",
    mixinStandardHelpOptions = true,
    description =
        "Load the PyTorch engine and print its version, the GPUs it sees and the candidate"
            + " workers a search would use.")
final class EngineCommand implements Callable<Integer> {

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Threads per worker to size the pool for, as spec.trainer.threads (0 = one per CPU).")
  int threads;

  @Option(
      names = "--workers",
      paramLabel = "N",
      defaultValue = "0",
      description = "Candidate workers, as spec.trainer.candidateWorkers (0 = the default).")
  int workers;

  /** The engine builds an image can require. */
  enum Build {
    cpu,
    cuda
  }

  @Option(
      names = "--require",
      paramLabel = "cpu|cuda",
      description =
          "Fail (exit 2) unless the engine loads and is this build: the image build's check that"
              + " the cuda image carries the CUDA engine and the cpu image the CPU one.")
  Build require;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    RunOptions.configureThreads(threads);
    PrintWriter err = spec.commandLine().getErr();
    Engine engine;
    EngineBuild build;
    try {
      engine = Engine.getEngine("PyTorch");
      build = EngineBuild.current();
    } catch (RuntimeException e) {
      if (require == null) {
        throw e;
      }
      err.println(
          "error: --require "
              + require
              + ": the PyTorch engine could not be loaded: "
              + causes(e)
              + (require == Build.cuda ? CUDA_HINT : ""));
      return ExitCodes.INVALID_CONFIG;
    }
    if (require != null && build.cuda() != (require == Build.cuda)) {
      err.println(
          "error: --require "
              + require
              + ": the engine loaded a "
              + build.kind()
              + " libtorch from "
              + build.libtorch()
              + (require == Build.cuda
                  ? "; DJL takes its CPU build when the CPU native jar is on the class path or"
                      + " when it has no CUDA build for PYTORCH_FLAVOR"
                      + CUDA_HINT
                  : "; the cpu image runs the bundled CPU build (pytorch-native-cpu)"));
      return ExitCodes.INVALID_CONFIG;
    }
    Device primary = RunOptions.resolveDevice(io.zarts.api.v1alpha1.Device.AUTO);
    if (workers < 0 || workers > 64) {
      spec.commandLine()
          .getErr()
          .println(
              "error: --workers: " + workers + " is not a worker count; use 0 (default) to 64");
      return ExitCodes.INVALID_CONFIG;
    }
    DevicePool pool = RunOptions.devicePool(primary, workers, RunOptions.engineThreads(threads), 0);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "engine %s %s (%s build, %s), GPUs: %d, CPUs: %d%n",
        engine.getEngineName(),
        engine.getVersion(),
        build.kind(),
        build.libtorch(),
        engine.getGpuCount(),
        RunOptions.cpus());
    out.println(pool.describe());
    pool.warnings().forEach(w -> out.println("warning: " + w));
    return ExitCodes.OK;
  }

  /**
   * Where the CUDA engine comes from: DJL's download server only, since Maven Central has no CUDA
   * native jar for this libtorch.
   */
  private static final String CUDA_HINT =
      ". The cuda image needs DJL's CUDA build of libtorch (PYTORCH_FLAVOR="
          + System.getenv().getOrDefault("PYTORCH_FLAVOR", "unset")
          + "), which Maven Central does not serve: build the image where https://publish.djl.ai"
          + " is reachable (the build fetches it once; pods never download), or set"
          + " PYTORCH_LIBRARY_PATH to an extracted CUDA libtorch of the same version";

  /** The messages of an exception and its causes, innermost last. */
  private static String causes(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (!text.isEmpty()) {
        text.append(": ");
      }
      // the innermost cause by its type too: "UnknownHostException: publish.djl.ai"
      boolean innermost = t.getCause() == null || t.getCause() == t;
      String type = innermost || t.getMessage() == null ? t.getClass().getSimpleName() : "";
      String message = t.getMessage() == null ? "" : t.getMessage();
      text.append(type).append(!type.isEmpty() && !message.isEmpty() ? ": " : "").append(message);
    }
    return text.toString();
  }
}
