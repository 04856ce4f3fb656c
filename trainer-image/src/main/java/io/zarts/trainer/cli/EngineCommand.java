package io.zarts.trainer.cli;

import ai.djl.engine.Engine;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * Loads the deep-learning engine and prints what it found; the image build runs it to extract
 * libtorch.
 */
@Command(
    name = "engine",
    mixinStandardHelpOptions = true,
    description = "Load the PyTorch engine and print its version and the GPUs it sees.")
final class EngineCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Engine engine = Engine.getInstance();
    spec.commandLine()
        .getOut()
        .printf(
            "engine %s %s, GPUs: %d%n",
            engine.getEngineName(), engine.getVersion(), engine.getGpuCount());
    return ExitCodes.OK;
  }
}
