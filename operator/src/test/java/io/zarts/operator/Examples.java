package io.zarts.operator;

import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.validation.ArchitectureSearchFiles;
import io.zarts.api.validation.ArchitectureSearchValidator;
import java.nio.file.Path;

/** The repository's example resources, loaded and defaulted as the API server would store them. */
public final class Examples {

  public static final Path ROOT =
      Path.of(System.getProperty("zarts.repo.root", "..")).toAbsolutePath().normalize();
  private static final ArchitectureSearchValidator VALIDATOR = ArchitectureSearchValidator.bundled();

  private Examples() {}

  /** examples/FILE, validated and defaulted. */
  public static ArchitectureSearch load(String file) {
    return ArchitectureSearchFiles.load(ROOT.resolve("examples").resolve(file), VALIDATOR);
  }

  /** examples/FILE in the given namespace, without status, ready to create. */
  public static ArchitectureSearch load(String file, String namespace) {
    ArchitectureSearch s = load(file);
    s.getMetadata().setNamespace(namespace);
    s.setStatus(null);
    return s;
  }
}
