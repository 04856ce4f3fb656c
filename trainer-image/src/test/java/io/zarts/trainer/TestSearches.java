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

  private static final ArchitectureSearchValidator VALIDATOR = ArchitectureSearchValidator.bundled();

  private TestSearches() {}

  /** specYaml is the body of spec:, indented by two spaces. */
  public static ArchitectureSearch search(String name, String specYaml) {
    String yaml = "apiVersion: zarts.io/v1alpha1\nkind: ArchitectureSearch\nmetadata:\n  name: " + name
        + "\nspec:\n" + specYaml;
    try {
      return VALIDATOR.validate(new YAMLMapper().readTree(yaml)).orThrow(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static SearchOptions cpu(Path dataDir, Path outDir) {
    return new SearchOptions(dataDir, outDir, Device.cpu());
  }
}
