package io.zarts.api.validation;

import static io.zarts.api.Fixtures.minimal;
import static io.zarts.api.Fixtures.with;
import static io.zarts.api.validation.CelRulesTest.messages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zarts.api.Fixtures;
import org.junit.jupiter.api.Test;

/** Type, range, enum, pattern and unknown-field checks name the field and the fix. */
class StructuralSchemaTest {

  static final ArchitectureSearchValidator VALIDATOR = CelRulesTest.VALIDATOR;

  @Test
  void rangesNameTheFieldAndTheBound() {
    assertThat(
            messages(VALIDATOR.validate(with(minimal(), "spec.training.epochs", "0")).violations()))
        // A range does not stop the rules: the warm-up rule sees epochs 0 too.
        .containsExactly(
            "spec.training.epochs: must be at least 1, got 0",
            "spec.optimizer.warmupEpochs: optimizer.warmupEpochs must be less than training.epochs,"
                + " or no architecture update would ever run: lower optimizer.warmupEpochs (default"
                + " 10) or raise training.epochs (default 50)");
    assertThat(
            messages(
                VALIDATOR.validate(with(minimal(), "spec.optimizer.samples", "65")).violations()))
        .containsExactly("spec.optimizer.samples: must be at most 64, got 65");
    assertThat(
            messages(
                VALIDATOR
                    .validate(with(minimal(), "spec.training.batchSize", "4097"))
                    .violations()))
        .containsExactly("spec.training.batchSize: must be at most 4096, got 4097");
    assertThat(
            messages(VALIDATOR.validate(with(minimal(), "spec.optimizer.sigma", "0")).violations()))
        .containsExactly("spec.optimizer.sigma: must be greater than 0, got 0");
  }

  @Test
  void unknownFieldsAreRefusedWithTheKnownOnes() {
    assertThat(
            messages(
                VALIDATOR.validate(with(minimal(), "spec.traning", "{epochs: 3}")).violations()))
        .containsExactly(
            "spec.traning: unknown field; known fields here are checkpoint, dataset, evaluation, optimizer,"
                + " resources, searchSpace, suspend, trainer, training");
  }

  @Test
  void enumsListTheAllowedValues() {
    assertThat(
            messages(
                VALIDATOR
                    .validate(with(minimal(), "spec.optimizer.algorithm", "adam"))
                    .violations()))
        .containsExactly(
            "spec.optimizer.algorithm: unsupported value \"adam\"; use one of darts, gld, mgs, rs",
            ArchitectureSearchValidator.RULES_NOT_CHECKED);
  }

  @Test
  void typesAreChecked() {
    assertThat(
            messages(
                VALIDATOR.validate(with(minimal(), "spec.training.epochs", "many")).violations()))
        .containsExactly(
            "spec.training.epochs: must be an integer, got the string \"many\"",
            ArchitectureSearchValidator.RULES_NOT_CHECKED);
    assertThat(
            messages(
                VALIDATOR.validate(with(minimal(), "spec.suspend", "yes please")).violations()))
        .containsExactly(
            "spec.suspend: must be true or false, got the string \"yes please\"",
            ArchitectureSearchValidator.RULES_NOT_CHECKED);
  }

  @Test
  void requiredFieldsAndEnvelopeAreChecked() {
    JsonNode noDataset = Fixtures.without(minimal(), "spec.dataset");
    assertThat(messages(VALIDATOR.validate(noDataset).violations()))
        .containsExactly(
            "spec.dataset: is required", ArchitectureSearchValidator.RULES_NOT_CHECKED);
    JsonNode wrongKind = with(minimal(), "kind", "Job");
    assertThat(messages(VALIDATOR.validate(wrongKind).violations()))
        .containsExactly("kind: must be ArchitectureSearch, got \"Job\"");
    JsonNode badName = with(minimal(), "metadata.name", "My_Search");
    assertThat(messages(VALIDATOR.validate(badName).violations()))
        .singleElement()
        .asString()
        .startsWith("metadata.name: \"My_Search\" is not a valid name");
  }

  @Test
  void scientificNotationIsANumber() {
    assertThat(
            VALIDATOR.validate(with(minimal(), "spec.training.weightDecay", "3e-4")).violations())
        .isEmpty();
  }

  @Test
  void defaultsAreApplied() {
    JsonNode spec = VALIDATOR.validate(minimal()).resource().path("spec");
    assertThat(spec.path("optimizer").path("algorithm").asText()).isEqualTo("mgs");
    assertThat(spec.path("optimizer").path("innerOptimizer").path("learningRate").asDouble())
        .isEqualTo(0.001);
    assertThat(spec.path("checkpoint").path("size").asText()).isEqualTo("10Gi");
  }
}
