package io.zarts.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.zarts.api.Fixtures;
import io.zarts.api.validation.ArchitectureSearchValidator;
import org.junit.jupiter.api.Test;

/** A minimal resource is the ZARTS reference's CIFAR-10 search, in the schema and in Java alike. */
class DefaultsTest {

  static final ArchitectureSearchValidator VALIDATOR = ArchitectureSearchValidator.bundled();
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @Test
  void schemaDefaultsEqualJavaDefaults() {
    JsonNode fromSchema = VALIDATOR.validate(Fixtures.minimal()).resource().path("spec");
    ArchitectureSearch fromJava =
        SERIALIZATION.convertValue(Fixtures.minimal(), ArchitectureSearch.class);
    JsonNode javaSpec = SERIALIZATION.convertValue(fromJava.getSpec(), JsonNode.class);
    // Through text, so that an int 2 and a long 2 compare equal.
    assertThat(SERIALIZATION.unmarshal(javaSpec.toString(), JsonNode.class))
        .isEqualTo(SERIALIZATION.unmarshal(fromSchema.toString(), JsonNode.class));
  }

  @Test
  void minimalResourceIsTheReferenceCifar10MgsSearch() {
    ArchitectureSearch s = VALIDATOR.validate(Fixtures.minimal()).orThrow("minimal");
    ArchitectureSearchSpec spec = s.getSpec();
    assertThat(spec.getDataset().getName()).isEqualTo(DatasetName.CIFAR10);
    assertThat(spec.getDataset().getTrainPortion()).isEqualTo(0.5);
    assertThat(spec.getSearchSpace().getName()).isEqualTo(SearchSpaceName.DARTS_NO_NONE);
    assertThat(spec.getSearchSpace().getLayers()).isEqualTo(8);
    assertThat(spec.getSearchSpace().getInitChannels()).isEqualTo(16);
    assertThat(spec.getSearchSpace().getNodes()).isEqualTo(4);

    OptimizerSpec o = spec.getOptimizer();
    assertThat(o.getAlgorithm()).isEqualTo(Algorithm.MGS);
    assertThat(o.getSamples()).isEqualTo(4);
    assertThat(o.getInnerSteps()).isEqualTo(10);
    assertThat(o.getInnerBatchSize()).isEqualTo(48);
    assertThat(o.getInnerDataSplit()).isEqualTo(InnerDataSplit.VALID);
    assertThat(o.getSigma()).isEqualTo(0.025);
    assertThat(o.getSigmaSchedule()).isEqualTo(SigmaSchedule.COSINE);
    assertThat(o.getTau()).isEqualTo(0.01);
    assertThat(o.getLambda()).isEqualTo(1e-3);
    assertThat(o.getUpdateEvery()).isEqualTo(10);
    assertThat(o.getWarmupEpochs()).isEqualTo(10);
    assertThat(o.getReferenceParity()).isFalse();
    assertThat(o.getInnerOptimizer().getLearningRate()).isEqualTo(0.001);
    assertThat(o.getInnerOptimizer().getMomentum()).isEqualTo(0.9);
    assertThat(o.getInnerOptimizer().getWeightDecay()).isEqualTo(3e-4);
    assertThat(o.getInnerOptimizer().getGradClip()).isEqualTo(5.0);
    assertThat(o.getCandidateEval().getBatches()).isEqualTo(1);
    assertThat(o.getCandidateEval().getBatchNorm()).isEqualTo(BatchNormMode.TRAIN);
    assertThat(o.getRs().getDelta()).isEqualTo(0.1);
    assertThat(o.getRs().getLearningRate()).isEqualTo(0.3);
    assertThat(o.getGld().getMaxRadius()).isEqualTo(0.25);
    assertThat(o.getGld().getMinRadius()).isEqualTo(0.015625);
    assertThat(o.getDarts().getLearningRate()).isEqualTo(3e-4);
    assertThat(o.getDarts().getBeta1()).isEqualTo(0.5);
    assertThat(o.getDarts().getWeightDecay()).isEqualTo(1e-3);

    TrainingSpec t = spec.getTraining();
    assertThat(t.getEpochs()).isEqualTo(50);
    assertThat(t.getBatchSize()).isEqualTo(64);
    assertThat(t.getLearningRate()).isEqualTo(0.025);
    assertThat(t.getLearningRateMin()).isEqualTo(0.001);
    assertThat(t.getMomentum()).isEqualTo(0.9);
    assertThat(t.getWeightDecay()).isEqualTo(3e-4);
    assertThat(t.getGradClip()).isEqualTo(5.0);

    assertThat(spec.getResources().getGpus()).isEqualTo(1);
    assertThat(spec.getCheckpoint().getSize()).isEqualTo("10Gi");
    assertThat(spec.getCheckpoint().getExistingClaim()).isNull();
    assertThat(spec.getCheckpoint().getKeep()).isEqualTo(3);
    assertThat(spec.getTrainer().getDevice()).isEqualTo(Device.AUTO);
    assertThat(spec.getSuspend()).isFalse();
  }
}
