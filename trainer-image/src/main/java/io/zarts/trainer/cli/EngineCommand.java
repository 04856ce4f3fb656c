package io.zarts.trainer.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.zarts.trainer.devices.DevicePool;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Loads the deep-learning engine and prints what it found; the image build runs it to extract
 * libtorch.
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

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    RunOptions.configureThreads(threads);
    Engine engine = Engine.getInstance();
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
        "engine %s %s, GPUs: %d, CPUs: %d%n",
        engine.getEngineName(), engine.getVersion(), engine.getGpuCount(), RunOptions.cpus());
    out.println(pool.describe());
    pool.warnings().forEach(w -> out.println("warning: " + w));
    return ExitCodes.OK;
  }
}
