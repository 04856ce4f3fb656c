package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The evaluation stage: the derived cell retrained from scratch as DARTS' evaluation network and
 * scored on the dataset's test images. Defaults are the DARTS/ZARTS CIFAR-10 retraining settings.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "epochs",
  "layers",
  "initChannels",
  "batchSize",
  "learningRate",
  "auxiliaryWeight",
  "dropPath",
  "cutout",
  "seed",
  "maxSamples",
  "genotype"
})
@ValidationRule(
    value = "self.initChannels % 2 == 0",
    message = "evaluation.initChannels must be even: factorized reductions halve it",
    fieldPath = ".initChannels")
@ValidationRule(
    value = "self.epochs >= oldSelf.epochs",
    message = "evaluation.epochs may only be raised: the evaluation continues from its checkpoint",
    fieldPath = ".epochs")
@ValidationRule(
    value =
        "self.layers == oldSelf.layers && self.initChannels == oldSelf.initChannels"
            + " && self.batchSize == oldSelf.batchSize && self.learningRate == oldSelf.learningRate"
            + " && self.auxiliaryWeight == oldSelf.auxiliaryWeight && self.dropPath == oldSelf.dropPath"
            + " && self.cutout == oldSelf.cutout && self.seed == oldSelf.seed"
            + " && (has(self.maxSamples) == has(oldSelf.maxSamples))"
            + " && (!has(self.maxSamples) || self.maxSamples == oldSelf.maxSamples)"
            + " && (has(self.genotype) == has(oldSelf.genotype))"
            + " && (!has(self.genotype) || self.genotype == oldSelf.genotype)",
    message =
        "evaluation: only epochs may change once set; create a new ArchitectureSearch for other settings")
public class EvaluationSpec {

  /**
   * The longest genotype text accepted (the DARTS text form of 4 nodes is about 500 characters).
   */
  public static final int GENOTYPE_MAX = 4096;

  @Default("600")
  @Min(1)
  @Max(10_000)
  @JsonPropertyDescription(
      "Training epochs of the evaluation network. May be raised later; a finished evaluation then"
          + " continues from its checkpoint.")
  private Integer epochs = 600;

  @Default("20")
  @Min(3)
  @Max(100)
  @JsonPropertyDescription("Cells of the evaluation network; reductions at 1/3 and 2/3 of them.")
  private Integer layers = 20;

  @Default("36")
  @Min(2)
  @Max(512)
  @JsonPropertyDescription("Channels of the first cells (even); the stem has three times as many.")
  private Integer initChannels = 36;

  @Default("96")
  @Min(2)
  @Max(4096)
  @JsonPropertyDescription("Images per training step.")
  private Integer batchSize = 96;

  @Default("0.025")
  @Min(value = 0, inclusive = false)
  @Max(10)
  @JsonPropertyDescription(
      "Initial SGD learning rate, cosine-annealed to 0 per epoch (momentum 0.9, weight decay"
          + " 3e-4 and gradient clipping at 5 as in the reference).")
  private Double learningRate = 0.025;

  @Default("0.4")
  @Min(0)
  @Max(10)
  @JsonPropertyDescription(
      "Weight of the auxiliary head's loss (after the second reduction; needs 32x32 images); 0"
          + " builds no auxiliary head.")
  private Double auxiliaryWeight = 0.4;

  @Default("0.2")
  @Min(0)
  @Max(value = 1, inclusive = false)
  @JsonPropertyDescription(
      "Final drop-path probability; it rises linearly from 0 over the epochs. Every operation but"
          + " the identity is dropped per image.")
  private Double dropPath = 0.2;

  @Default("16")
  @Min(0)
  @Max(256)
  @JsonPropertyDescription("Side of the square cut out of each training image; 0 turns cutout off.")
  private Integer cutout = 16;

  @Default("0")
  @Min(0)
  @Max(Integer.MAX_VALUE)
  @JsonPropertyDescription("Seed of the evaluation's initial weights, data order and augmentation.")
  private Long seed = 0L;

  @Min(1)
  @Max(10_000_000)
  @JsonPropertyDescription(
      "Retrain on only the first maxSamples training images. Unset: dataset.maxSamples applies (all"
          + " images when that is unset too), so a search can explore on a few images while the"
          + " evaluation trains on many. The test images are always all of them.")
  private Integer maxSamples;

  @Size(max = GENOTYPE_MAX)
  @JsonPropertyDescription(
      "Evaluate this genotype (DARTS text form or JSON) and skip the search. Its operations must be"
          + " in searchSpace.name's space and it must have searchSpace.nodes nodes per cell.")
  private String genotype;

  public Integer getEpochs() {
    return epochs;
  }

  public void setEpochs(Integer epochs) {
    this.epochs = epochs;
  }

  public Integer getLayers() {
    return layers;
  }

  public void setLayers(Integer layers) {
    this.layers = layers;
  }

  public Integer getInitChannels() {
    return initChannels;
  }

  public void setInitChannels(Integer initChannels) {
    this.initChannels = initChannels;
  }

  public Integer getBatchSize() {
    return batchSize;
  }

  public void setBatchSize(Integer batchSize) {
    this.batchSize = batchSize;
  }

  public Double getLearningRate() {
    return learningRate;
  }

  public void setLearningRate(Double learningRate) {
    this.learningRate = learningRate;
  }

  public Double getAuxiliaryWeight() {
    return auxiliaryWeight;
  }

  public void setAuxiliaryWeight(Double auxiliaryWeight) {
    this.auxiliaryWeight = auxiliaryWeight;
  }

  public Double getDropPath() {
    return dropPath;
  }

  public void setDropPath(Double dropPath) {
    this.dropPath = dropPath;
  }

  public Integer getCutout() {
    return cutout;
  }

  public void setCutout(Integer cutout) {
    this.cutout = cutout;
  }

  public Integer getMaxSamples() {
    return maxSamples;
  }

  public void setMaxSamples(Integer maxSamples) {
    this.maxSamples = maxSamples;
  }

  public Long getSeed() {
    return seed;
  }

  public void setSeed(Long seed) {
    this.seed = seed;
  }

  public String getGenotype() {
    return genotype;
  }

  public void setGenotype(String genotype) {
    this.genotype = genotype;
  }
}
