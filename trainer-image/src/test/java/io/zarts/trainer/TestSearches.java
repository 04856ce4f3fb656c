package io.zarts.trainer;

import ai.djl.Device;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.validation.ArchitectureSearchValidator;
import io.zarts.trainer.train.SearchOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Builds validated ArchitectureSearch resources from a few lines of YAML spec, for tests. */
public final class TestSearches {

  private static final ArchitectureSearchValidator VALIDATOR =
      ArchitectureSearchValidator.bundled();

  private TestSearches() {}

  /**
   * The spec of the tiny search most tests run, indented by two spaces: synthetic 8x8 images of 3
   * classes, a supernet of 2 cells with 2 channels and 2 nodes. optimizer and training are the
   * bodies of their flow maps, e.g. "algorithm: mgs, samples: 2" and "epochs: 2, batchSize: 8".
   */
  public static String tinySpec(int samples, String optimizer, String training) {
    return "  dataset:\n"
        + "    name: synthetic\n"
        + "    synthetic: {samples: "
        + samples
        + ", imageSize: 8, classes: 3}\n"
        + "  searchSpace: {layers: 2, initChannels: 2, nodes: 2}\n"
        + "  optimizer: {"
        + optimizer
        + "}\n"
        + "  training: {"
        + training
        + "}\n";
  }

  /**
   * The smallest resource a comparison grid can run in every space: 4-node cells (the RobustDARTS
   * spaces define them), two search epochs and a one-epoch evaluation stage.
   */
  public static String tinyComparison(String name) {
    return resource(
        name,
        tinySpec(
                    48,
                    "algorithm: mgs, samples: 2, innerSteps: 1, warmupEpochs: 1, updateEvery: 2",
                    "epochs: 2, batchSize: 8")
                .replace("nodes: 2", "nodes: 4")
            + "  evaluation: {epochs: 1, layers: 3, initChannels: 4, batchSize: 8,"
            + " auxiliaryWeight: 0, cutout: 0}\n"
            + "  trainer: {device: cpu, threads: 1}\n");
  }

  /** A whole ArchitectureSearch document; specYaml is the body of spec:, indented by two spaces. */
  public static String resource(String name, String specYaml) {
    return "apiVersion: zarts.io/v1alpha1\nkind: ArchitectureSearch\nmetadata:\n  name: "
        + name
        + "\nspec:\n"
        + specYaml;
  }

  /**
   * The resource, validated and defaulted as the API server would; specYaml as for {@link
   * #resource}.
   */
  public static ArchitectureSearch search(String name, String specYaml) {
    try {
      return VALIDATOR.validate(new YAMLMapper().readTree(resource(name, specYaml))).orThrow(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static SearchOptions cpu(Path dataDir, Path outDir) {
    return new SearchOptions(dataDir, outDir, Device.cpu());
  }
}
