package io.zarts.trainer.evaluate;

import java.util.List;

/**
 * model.json of an exported model: what a program needs to use the weights: the network's shape
 * (genotype, initial channels, cells), the input shape and normalisation, the class names, and how
 * well it did (parameters, test accuracy of the final epoch, epochs, dataset).
 */
public record ModelCard(
    int schemaVersion,
    String name,
    String dataset,
    List<String> classes,
    int[] inputShape,
    float[] mean,
    float[] std,
    String genotype,
    int initChannels,
    int layers,
    long parameters,
    double testAccuracy,
    int epochs,
    String weightsFile,
    String weightsFormat) {

  public static final int SCHEMA_VERSION = 1;
  public static final String WEIGHTS_FILE = "weights.ndlist";
  public static final String WEIGHTS_FORMAT =
      "DJL NDList (NDList.decode): every weight and batch-norm statistic, by name";
}
