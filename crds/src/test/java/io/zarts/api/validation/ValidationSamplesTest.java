package io.zarts.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.zarts.api.validation.ValidationSamples.Sample;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The offline validator refuses each sample at exactly its paths (a real API server must too). */
class ValidationSamplesTest {

  static List<Sample> samples() {
    return ValidationSamples.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void theValidatorRefusesAtTheSamplesPaths(Sample sample) {
    var result =
        sample.old() == null
            ? CelRulesTest.VALIDATOR.validate(sample.resource())
            : CelRulesTest.VALIDATOR.validateUpdate(sample.resource(), sample.old());
    assertThat(result.violations().stream().map(Violation::path).distinct().sorted())
        .as(result.violations().toString())
        .containsExactlyElementsOf(sample.refusedAt().stream().sorted().toList());
  }
}
