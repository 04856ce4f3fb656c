package io.zarts.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The API module: no package cycle, and it knows neither the trainer, nor the operator, nor their
 * libraries.
 */
class ArchitectureTest {

  @Test
  void theReadmeListsExactlyThePackages() {
    assertThat(PackageRules.readmePackages("zarts-crds"))
        .isEqualTo(PackageRules.topLevelPackages("io.zarts.api"));
  }

  @Test
  void noPackageCycles() {
    PackageRules.assertNoPackageCycles("io.zarts.api");
  }

  @Test
  void theApiDependsOnNeitherSide() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.zarts.trainer..",
            "io.zarts.operator..",
            "ai.djl..",
            "io.quarkus..",
            "io.javaoperatorsdk..")
        .check(PackageRules.mainClasses("io.zarts.api"));
  }
}
