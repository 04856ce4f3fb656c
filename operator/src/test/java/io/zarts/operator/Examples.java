package io.zarts.operator;

import io.zarts.api.RepoFiles;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.validation.ArchitectureSearchFiles;
import io.zarts.api.validation.ArchitectureSearchValidator;

/** The repository's example resources, loaded and defaulted as the API server would store them. */
public final class Examples {

  private static final ArchitectureSearchValidator VALIDATOR =
      ArchitectureSearchValidator.bundled();

  private Examples() {}

  /** examples/FILE, validated and defaulted. */
  public static ArchitectureSearch load(String file) {
    return ArchitectureSearchFiles.load(RepoFiles.resolve("examples").resolve(file), VALIDATOR);
  }

  /** examples/FILE in the given namespace, without status, ready to create. */
  public static ArchitectureSearch load(String file, String namespace) {
    ArchitectureSearch s = load(file);
    s.getMetadata().setNamespace(namespace);
    s.setStatus(null);
    return s;
  }
}
