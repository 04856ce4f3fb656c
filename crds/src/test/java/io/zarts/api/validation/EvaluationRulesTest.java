package io.zarts.api.validation;

import static io.zarts.api.Fixtures.minimal;
import static io.zarts.api.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * spec.evaluation: its schema, CEL rules and the genotype check, as the API server would apply
 * them.
 */
class EvaluationRulesTest {

  static final ArchitectureSearchValidator VALIDATOR = ArchitectureSearchValidator.bundled();
  static final String DARTS_V2 =
      "\"Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0),"
          + " ('sep_conv_3x3', 1), ('sep_conv_3x3', 1), ('skip_connect', 0), ('skip_connect', 0),"
          + " ('dil_conv_3x3', 2)], normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0),"
          + " ('max_pool_3x3', 1), ('skip_connect', 2), ('max_pool_3x3', 1), ('max_pool_3x3', 0),"
          + " ('skip_connect', 2), ('skip_connect', 2), ('max_pool_3x3', 1)],"
          + " reduce_concat=[2, 3, 4, 5])\"";

  static List<String> violations(ObjectNode resource) {
    return VALIDATOR.validate(resource).violations().stream().map(Violation::toString).toList();
  }

  @Test
  void anEmptyEvaluationGetsTheReferenceDefaults() {
    var result = VALIDATOR.validate(with(minimal(), "spec.evaluation", "{}"));
    assertThat(result.violations()).isEmpty();
    var e = result.orThrow("demo").getSpec().getEvaluation();
    assertThat(
            List.of(
                e.getEpochs(), e.getLayers(), e.getInitChannels(), e.getBatchSize(), e.getCutout()))
        .containsExactly(600, 20, 36, 96, 16);
    assertThat(List.of(e.getLearningRate(), e.getAuxiliaryWeight(), e.getDropPath()))
        .containsExactly(0.025, 0.4, 0.2);
  }

  @Test
  void theDartsV2GenotypeIsAccepted() {
    assertThat(violations(with(minimal(), "spec.evaluation", "{genotype: " + DARTS_V2 + "}")))
        .isEmpty();
  }

  @Test
  void aGenotypeThatDoesNotParseIsRefusedNamingTheField() {
    assertThat(violations(with(minimal(), "spec.evaluation", "{genotype: \"Genotype(normal=[\"}")))
        .singleElement()
        .asString()
        .startsWith("spec.evaluation.genotype: does not parse");
  }

  @Test
  void anOperationOutsideTheSpaceIsRefused() {
    ObjectNode s2 = with(minimal(), "spec.searchSpace", "{name: s2}");
    assertThat(violations(with(s2, "spec.evaluation", "{genotype: " + DARTS_V2 + "}")))
        .singleElement()
        .asString()
        .contains("spec.evaluation.genotype")
        .contains("'dil_conv_3x3', which is not an operation of search space s2");
  }

  @Test
  void theWrongNumberOfNodesIsRefused() {
    ObjectNode three = with(minimal(), "spec.searchSpace", "{nodes: 3}");
    assertThat(violations(with(three, "spec.evaluation", "{genotype: " + DARTS_V2 + "}")))
        .singleElement()
        .asString()
        .contains("the normal cell has 8 genes; searchSpace.nodes is 3, so it needs 6");
  }

  @Test
  void aGeneReadingALaterStateIsRefused() {
    String bad = DARTS_V2.replace("('dil_conv_3x3', 2)", "('dil_conv_3x3', 5)");
    assertThat(violations(with(minimal(), "spec.evaluation", "{genotype: " + bad + "}")))
        .singleElement()
        .asString()
        .contains("gene 7 of the normal cell reads state 5; node 3 can only read states 0 to 4");
  }

  @Test
  void theAuxiliaryHeadOnImagesOtherThan32PixelsIsRefusedNamingTheFix() {
    ObjectNode fashion =
        with(
            minimal(),
            "spec.dataset",
            "{name: fashion-mnist, volume: {claimName: data, subPath: fashion-mnist}}");
    assertThat(violations(with(fashion, "spec.evaluation", "{}")))
        .singleElement()
        .asString()
        .startsWith("spec.evaluation.auxiliaryWeight: the auxiliary head reads the 8x8 maps")
        .contains("fashion-mnist images are 28x28: set auxiliaryWeight: 0.0");
    assertThat(violations(with(fashion, "spec.evaluation", "{auxiliaryWeight: 0.0}"))).isEmpty();
  }

  @Test
  void anEmptyOrRepeatedConcatenationIsRefused() {
    String empty = DARTS_V2.replace("normal_concat=[2, 3, 4, 5]", "normal_concat=[]");
    assertThat(violations(with(minimal(), "spec.evaluation", "{genotype: " + empty + "}")))
        .singleElement()
        .asString()
        .contains("the normal cell concatenates []");
    String twice = DARTS_V2.replace("normal_concat=[2, 3, 4, 5]", "normal_concat=[2, 2, 4, 5]");
    assertThat(violations(with(minimal(), "spec.evaluation", "{genotype: " + twice + "}")))
        .singleElement()
        .asString()
        .contains("list each node to concatenate once");
  }

  @Test
  void oddChannelsAndLoweredEpochsAreRefused() {
    assertThat(violations(with(minimal(), "spec.evaluation", "{initChannels: 35}")))
        .anyMatch(v -> v.contains("evaluation.initChannels must be even"));
    ObjectNode old = with(minimal(), "spec.evaluation", "{epochs: 100}");
    assertThat(
            VALIDATOR
                .validateUpdate(with(minimal(), "spec.evaluation", "{epochs: 50}"), old)
                .violations())
        .extracting(Violation::toString)
        .anyMatch(v -> v.contains("evaluation.epochs may only be raised"));
    assertThat(
            VALIDATOR
                .validateUpdate(with(minimal(), "spec.evaluation", "{epochs: 200}"), old)
                .violations())
        .isEmpty();
  }
}
