package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** The dataset and its train/validation split. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "volume", "trainPortion", "maxSamples", "synthetic"})
@ValidationRule(
    value = "self == oldSelf",
    message =
        "dataset is immutable: the checkpoints were trained on it; create a new ArchitectureSearch instead")
@ValidationRule(
    value = "!(self.name in ['cifar10', 'cifar100', 'svhn']) || has(self.volume)",
    message =
        "dataset.volume is required for cifar10, cifar100 and svhn: name the PersistentVolumeClaim that holds"
            + " the dataset files",
    fieldPath = ".volume")
@ValidationRule(
    value = "!has(self.synthetic) || self.name == 'synthetic'",
    message =
        "dataset.synthetic is only allowed with dataset.name: synthetic; remove it or change the name",
    fieldPath = ".synthetic")
public class DatasetSpec {

  @Required
  @JsonPropertyDescription(
      "Dataset: cifar10, cifar100, svhn (files on a volume), digits (the UCI 8x8 digits"
          + " shipped with the trainer) or synthetic (generated, for smoke tests and demos).")
  private DatasetName name;

  @JsonPropertyDescription(
      "Read-only volume with the dataset files. Required for cifar10, cifar100 and svhn.")
  private DataVolume volume;

  @Default("0.5")
  @Min(0.05)
  @Max(0.95)
  @JsonPropertyDescription(
      "Fraction of the training files used to train the weights; the rest is the validation"
          + " half that scores architectures. 0.5 as in DARTS and ZARTS.")
  private Double trainPortion = 0.5;

  @Min(1)
  @Max(10_000_000)
  @JsonPropertyDescription(
      "Use only the first maxSamples training images (before the split). Unset uses all.")
  private Integer maxSamples;

  @JsonPropertyDescription("Shape of the generated data when name is synthetic.")
  private SyntheticDataSpec synthetic;

  public DatasetName getName() {
    return name;
  }

  public void setName(DatasetName name) {
    this.name = name;
  }

  public DataVolume getVolume() {
    return volume;
  }

  public void setVolume(DataVolume volume) {
    this.volume = volume;
  }

  public Double getTrainPortion() {
    return trainPortion;
  }

  public void setTrainPortion(Double trainPortion) {
    this.trainPortion = trainPortion;
  }

  public Integer getMaxSamples() {
    return maxSamples;
  }

  public void setMaxSamples(Integer maxSamples) {
    this.maxSamples = maxSamples;
  }

  public SyntheticDataSpec getSynthetic() {
    return synthetic;
  }

  public void setSynthetic(SyntheticDataSpec synthetic) {
    this.synthetic = synthetic;
  }
}
