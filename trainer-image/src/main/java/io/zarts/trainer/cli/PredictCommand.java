package io.zarts.trainer.cli;

import ai.djl.Device;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.zarts.trainer.evaluate.ModelCard;
import io.zarts.trainer.evaluate.ModelFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Loads an exported model folder and prints the top classes of images, read with DJL's image
 * loading, resized to the model's input and normalised as in training.
 */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = "Classify PNG or JPEG images with a model folder the evaluation stage exported.")
final class PredictCommand implements Callable<Integer> {

  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "The model folder (runs/NAME/evaluation/model).")
  Path model;

  @Option(
      names = "--top",
      defaultValue = "5",
      description = "Classes to print per image (default: ${DEFAULT-VALUE}).")
  int top;

  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "PNG or JPEG files.")
  List<Path> images;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RunOptions.configureThreads(1);
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      ModelFolder.Loaded loaded = ModelFolder.load(model, manager);
      ModelCard card = loaded.card();
      for (Path file : images) {
        try (NDManager scope = manager.newSubManager()) {
          NDArray probabilities =
              loaded.probabilities(ImageFactory.getInstance().fromFile(file), scope);
          float[] p = probabilities.toFloatArray();
          int[] order = probabilities.argSort(0, false).toType(DataType.INT32, false).toIntArray();
          out.println(file);
          for (int k = 0; k < Math.min(top, order.length); k++) {
            out.printf("  %-16s %.4f%n", card.classes().get(order[k]), p[order[k]]);
          }
        }
      }
      return ExitCodes.OK;
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.INVALID_CONFIG;
    } catch (RuntimeException e) {
      return Failure.report(e, err);
    }
  }
}
