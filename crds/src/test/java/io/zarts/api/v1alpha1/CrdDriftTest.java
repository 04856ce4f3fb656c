package io.zarts.api.v1alpha1;

import io.zarts.api.RepoFiles;
import io.zarts.api.validation.ArchitectureSearchValidator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed CRD (and the Helm chart's copy) must be exactly what the crd-generator plugin made
 * from the Java types in this build.
 */
class CrdDriftTest {

  static final String CRD_FILE = "architecturesearches.zarts.io-v1.yml";

  @Test
  void committedCrdMatchesGeneratedCrd() {
    Path generated = Path.of("target/classes").resolve(ArchitectureSearchValidator.BUNDLED_CRD);
    RepoFiles.assertGolden(
        RepoFiles.resolve("crds/" + CRD_FILE), RepoFiles.read(generated), "The CRD");
  }

  /**
   * Helm installs the CRD from the chart's crds/ folder: the same file, refreshed by the same
   * command.
   */
  @Test
  void theHelmChartCarriesTheGeneratedCrd() {
    Path generated = Path.of("target/classes").resolve(ArchitectureSearchValidator.BUNDLED_CRD);
    RepoFiles.assertGolden(
        RepoFiles.resolve("charts/zarts-operator/crds/" + CRD_FILE),
        RepoFiles.read(generated),
        "The Helm chart's copy of the CRD");
  }
}
