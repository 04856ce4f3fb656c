package io.zarts.trainer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.zarts.api.PackageRules;
import org.junit.jupiter.api.Test;

/** The trainer's packages: no cycle, and the dependency direction of docs/architecture.md §1.2. */
class ArchitectureTest {

  static final JavaClasses CLASSES = PackageRules.mainClasses("io.zarts.trainer");

  @Test
  void theReadmeListsExactlyThePackages() {
    assertThat(PackageRules.readmePackages("zarts-trainer"))
        .isEqualTo(PackageRules.topLevelPackages("io.zarts.trainer"));
  }

  @Test
  void noPackageCycles() {
    PackageRules.assertNoPackageCycles("io.zarts.trainer");
  }

  @Test
  void theTrainerKnowsNothingOfTheOperator() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.zarts.operator..", "io.javaoperatorsdk..", "io.quarkus..")
        .check(CLASSES);
  }

  @Test
  void checkpointStorageKnowsNoTraining() {
    noClasses()
        .that()
        .resideInAPackage("io.zarts.trainer.checkpoint..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.zarts.trainer.train..",
            "io.zarts.trainer.alpha..",
            "io.zarts.trainer.run..",
            "io.zarts.trainer.model..",
            "io.zarts.trainer.cli..")
        .check(CLASSES);
  }

  @Test
  void theEngineIsBelowTheRunnerAndTheCommands() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.zarts.trainer.optim..",
            "io.zarts.trainer.alpha..",
            "io.zarts.trainer.evaluate..",
            "io.zarts.trainer.train..",
            "io.zarts.trainer.model..",
            "io.zarts.trainer.nn..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.zarts.trainer.run..",
            "io.zarts.trainer.cli..",
            "io.zarts.trainer.observe..",
            "io.zarts.trainer.bench..")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAPackage("io.zarts.trainer.optim..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.zarts.trainer.alpha..", "io.zarts.trainer.train..")
        .check(CLASSES);
  }
}
