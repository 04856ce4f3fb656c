package io.zarts.trainer;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Real data sets the tests read from Debian packages that .ci/run installs. */
public final class TestData {

  /** Where Debian's dataset-fashion-mnist package puts the IDX files. */
  public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  private TestData() {}

  /** The Fashion-MNIST folder; fails in CI and skips elsewhere when the package is missing. */
  public static Path fashionMnist() {
    if (!Files.isDirectory(DEBIAN_FASHION_MNIST)) {
      if ("true".equals(System.getenv("CI"))) {
        fail("dataset-fashion-mnist is not installed: .ci/run installs Debian's package");
      }
      Assumptions.abort("Fashion-MNIST not installed (apt-get install dataset-fashion-mnist)");
    }
    return DEBIAN_FASHION_MNIST;
  }
}
