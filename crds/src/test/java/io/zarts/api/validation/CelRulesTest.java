package io.zarts.api.validation;

import static io.zarts.api.Fixtures.minimal;
import static io.zarts.api.Fixtures.with;
import static io.zarts.api.Fixtures.without;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The x-kubernetes-validations of the generated CRD, evaluated with dev.cel as the API server would
 * evaluate them, since no API server runs here.
 */
class CelRulesTest {

  static final ArchitectureSearchValidator VALIDATOR = ArchitectureSearchValidator.bundled();

  @Test
  void everyRuleCompiles() {
    assertThat(VALIDATOR.compileRules()).isEmpty();
  }

  @Test
  void theMinimalResourceIsValid() {
    assertThat(VALIDATOR.validate(minimal()).violations()).isEmpty();
  }

  // --- cross-field rules on create ---

  @Test
  void warmupMustBeShorterThanTraining() {
    ObjectNode r = with(minimal(), "spec.training.epochs", "10");
    assertThat(messages(VALIDATOR.validate(r).violations()))
        .containsExactly(
            "spec.optimizer.warmupEpochs: optimizer.warmupEpochs must be less than training.epochs,"
                + " or no architecture update would ever run: lower optimizer.warmupEpochs (default 10) or raise"
                + " training.epochs (default 50)");
    assertThat(VALIDATOR.validate(with(r, "spec.optimizer", "{warmupEpochs: 9}")).violations())
        .isEmpty();
  }

  @Test
  void checkpointNeedsExactlyOneOfSizeAndExistingClaim() {
    ObjectNode both = with(minimal(), "spec.checkpoint", "{size: 5Gi, existingClaim: mine}");
    ObjectNode neither = with(minimal(), "spec.checkpoint", "{everyEpochs: 2}");
    ObjectNode claim = with(minimal(), "spec.checkpoint", "{existingClaim: mine}");
    assertThat(messages(VALIDATOR.validate(both).violations()))
        .singleElement()
        .asString()
        .startsWith("spec.checkpoint: checkpoint needs exactly one of size");
    assertThat(messages(VALIDATOR.validate(neither).violations()))
        .singleElement()
        .asString()
        .startsWith("spec.checkpoint: checkpoint needs exactly one of size");
    assertThat(VALIDATOR.validate(claim).violations()).isEmpty();
  }

  @Test
  void subPathMayNotLeaveTheClaim() {
    assertThat(
            messages(
                VALIDATOR
                    .validate(with(minimal(), "spec.dataset.volume.subPath", "a/../../etc"))
                    .violations()))
        .containsExactly(
            "spec.dataset.volume.subPath: dataset.volume.subPath must not contain a"
                + " '..' segment: give a path inside the claim");
    assertThat(
            messages(
                VALIDATOR
                    .validate(with(minimal(), "spec.dataset.volume.subPath", "/etc"))
                    .violations()))
        .singleElement()
        .asString()
        .startsWith("spec.dataset.volume.subPath: \"/etc\" does not match");
    assertThat(
            VALIDATOR
                .validate(with(minimal(), "spec.dataset.volume.subPath", "cifar/..data/x.bin"))
                .violations())
        .isEmpty();
  }

  @Test
  void fileDatasetsNeedAVolumeAndSyntheticSettingsNeedSyntheticData() {
    assertThat(messages(VALIDATOR.validate(without(minimal(), "spec.dataset.volume")).violations()))
        .singleElement()
        .asString()
        .startsWith("spec.dataset.volume: dataset.volume is required for cifar10");
    assertThat(
            messages(
                VALIDATOR
                    .validate(with(minimal(), "spec.dataset.synthetic", "{classes: 3}"))
                    .violations()))
        .singleElement()
        .asString()
        .startsWith("spec.dataset.synthetic: dataset.synthetic is only");
  }

  @Test
  void robustDartsSpacesNeedFourNodesAndChannelsMustBeEven() {
    ObjectNode s1 = with(minimal(), "spec.searchSpace", "{name: s1, nodes: 3}");
    assertThat(messages(VALIDATOR.validate(s1).violations()))
        .singleElement()
        .asString()
        .startsWith("spec.searchSpace.nodes: searchSpace.nodes must be 4");
    ObjectNode odd = with(minimal(), "spec.searchSpace", "{initChannels: 15}");
    assertThat(messages(VALIDATOR.validate(odd).violations()))
        .singleElement()
        .asString()
        .startsWith("spec.searchSpace.initChannels: searchSpace.initChannels must be even");
  }

  @Test
  void resourceMapsOnlyNameComputeResources() {
    ObjectNode gpu = with(minimal(), "spec.resources.limits", "{nvidia.com/gpu: 2}");
    assertThat(messages(VALIDATOR.validate(gpu).violations()))
        .singleElement()
        .asString()
        .isEqualTo(
            "spec.resources.limits: resources.limits may only name cpu, memory and ephemeral-storage;"
                + " set GPUs with resources.gpus");
    ObjectNode ok = with(minimal(), "spec.resources.limits", "{cpu: 4, memory: 16Gi}");
    assertThat(VALIDATOR.validate(ok).violations()).isEmpty();
  }

  @Test
  void learningRateMinMayNotExceedLearningRate() {
    ObjectNode r = with(minimal(), "spec.training.learningRateMin", "0.5");
    assertThat(messages(VALIDATOR.validate(r).violations()))
        .singleElement()
        .asString()
        .startsWith("spec.training.learningRateMin: training.learningRateMin must not exceed");
  }

  @Test
  void longNamesAreRefusedBecauseDerivedNamesWouldNotFit() {
    ObjectNode r = with(minimal(), "metadata.name", "a".repeat(49));
    assertThat(messages(VALIDATOR.validate(r).violations()))
        .singleElement()
        .asString()
        .startsWith("metadata.name must be at most 48 characters");
  }

  @ParameterizedTest(name = "maxDuration {0} is accepted")
  @CsvSource({"6h", "90m", "1h30m", "1.5h", "45s", "250ms"})
  void maxDurationTakesGoDurations(String value) {
    assertThat(VALIDATOR.validate(with(minimal(), "spec.training.maxDuration", value)).violations())
        .isEmpty();
  }

  @Test
  void maxDurationMustBeADurationLongerThanZero() {
    assertThat(
            messages(
                VALIDATOR
                    .validate(with(minimal(), "spec.training.maxDuration", "0s"))
                    .violations()))
        .containsExactly(
            "spec.training.maxDuration: training.maxDuration must be longer than 0s, e.g. 6h;"
                + " leave it out for no limit");
    assertThat(
            messages(
                VALIDATOR
                    .validate(with(minimal(), "spec.training.maxDuration", "6 hours"))
                    .violations()))
        // The pattern does not stop the rules (as on the API server), and the rule that reads the
        // duration cannot: it says so at the object it is on.
        .satisfiesExactly(
            pattern ->
                assertThat(pattern)
                    .startsWith("spec.training.maxDuration: \"6 hours\" does not match"),
            rule ->
                assertThat(rule)
                    .startsWith(
                        "spec.training: could not check \"training.maxDuration must be longer than 0s"));
  }

  // --- transition rules on update ---

  @ParameterizedTest(name = "changing {0} is refused")
  @CsvSource(
      delimiter = '|',
      value = {
        "spec.dataset.trainPortion|0.6|spec.dataset: dataset is immutable",
        "spec.dataset.volume.subPath|other|spec.dataset: dataset is immutable",
        "spec.searchSpace.layers|5|spec.searchSpace: searchSpace is immutable",
        "spec.searchSpace.name|darts|spec.searchSpace: searchSpace is immutable",
        "spec.optimizer.algorithm|gld|spec.optimizer: optimizer is immutable",
        "spec.optimizer.sigma|0.2|spec.optimizer: optimizer is immutable",
        "spec.training.seed|7|spec.training.seed: training.seed is immutable",
        "spec.training.epochs|40|spec.training.epochs: training.epochs may only be raised",
        "spec.training.batchSize|32|spec.training: training: only epochs may change",
      })
  void immutableFieldsCannotChange(String path, String value, String expected) {
    ObjectNode old = minimal();
    assertThat(messages(VALIDATOR.validateUpdate(with(old, path, value), old).violations()))
        .singleElement()
        .asString()
        .startsWith(expected);
  }

  @ParameterizedTest(name = "changing {0} is allowed")
  @CsvSource(
      delimiter = '|',
      value = {
        "spec.suspend|true",
        "spec.training.epochs|80",
        "spec.resources.gpus|2",
        "spec.resources.queueName|team-a",
        "spec.resources.nodeSelector|{gpu: h100}",
        "spec.checkpoint.keep|5",
        "spec.checkpoint.size|20Gi",
        "spec.checkpoint.retainOnDelete|true",
        "spec.trainer.device|cpu",
        "spec.training.maxDuration|6h",
      })
  void mutableFieldsCanChange(String path, String value) {
    // As stored by the API server: with the schema defaults applied on create.
    ObjectNode old = (ObjectNode) VALIDATOR.validate(minimal()).resource();
    assertThat(VALIDATOR.validateUpdate(with(old, path, value), old).violations()).isEmpty();
  }

  @Test
  void writingOutADefaultIsNotAChange() {
    ObjectNode old = minimal();
    ObjectNode explicit = with(old, "spec.optimizer", "{algorithm: mgs, samples: 4, sigma: 0.025}");
    assertThat(VALIDATOR.validateUpdate(explicit, old).violations()).isEmpty();
  }

  @Test
  void transitionRulesAreSkippedOnCreate() {
    // The same object that fails as an update from the minimal resource is fine as a new resource.
    ObjectNode changed = with(minimal(), "spec.training.seed", "7");
    assertThat(VALIDATOR.validate(changed).violations()).isEmpty();
  }

  @Test
  void existingClaimCannotReplaceANewClaim() {
    ObjectNode old = minimal();
    ObjectNode moved = with(old, "spec.checkpoint", "{existingClaim: mine}");
    assertThat(messages(VALIDATOR.validateUpdate(moved, old).violations()))
        .singleElement()
        .asString()
        .startsWith("spec.checkpoint: checkpoint location is immutable");
  }

  static List<String> messages(List<Violation> violations) {
    return violations.stream().map(Violation::toString).toList();
  }
}
