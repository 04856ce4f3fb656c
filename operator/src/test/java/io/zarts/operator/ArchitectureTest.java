package io.zarts.operator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import io.zarts.api.PackageRules;
import org.junit.jupiter.api.Test;

/**
 * The operator's packages: no cycle, and nothing of the trainer or its engine (they meet only in
 * the API).
 */
class ArchitectureTest {

  @Test
  void theReadmeListsExactlyThePackages() {
    assertThat(PackageRules.readmePackages("zarts-operator"))
        .isEqualTo(PackageRules.topLevelPackages("io.zarts.operator"));
  }

  @Test
  void noPackageCycles() {
    PackageRules.assertNoPackageCycles("io.zarts.operator");
  }

  @Test
  void theOperatorKnowsNothingOfTheTrainerOrDjl() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.zarts.trainer..", "ai.djl..")
        .check(PackageRules.mainClasses("io.zarts.operator"));
  }
}
