package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Supernet weight training: SGD with momentum, cosine learning rate per epoch, global-norm
 * clipping.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "epochs",
  "batchSize",
  "learningRate",
  "learningRateMin",
  "momentum",
  "weightDecay",
  "gradClip",
  "seed",
  "maxDuration"
})
@ValidationRule(
    value = "self.learningRateMin <= self.learningRate",
    message = "training.learningRateMin must not exceed training.learningRate",
    fieldPath = ".learningRateMin")
@ValidationRule(
    value = "!has(self.maxDuration) || duration(self.maxDuration) > duration('0s')",
    message = "training.maxDuration must be longer than 0s, e.g. 6h; leave it out for no limit",
    fieldPath = ".maxDuration")
@ValidationRule(
    value = "self.epochs >= oldSelf.epochs",
    message = "training.epochs may only be raised: the search continues from its checkpoint",
    fieldPath = ".epochs")
@ValidationRule(
    value = "self.seed == oldSelf.seed",
    message = "training.seed is immutable: the checkpoints continue its random streams",
    fieldPath = ".seed")
@ValidationRule(
    value =
        "self.batchSize == oldSelf.batchSize && self.learningRate == oldSelf.learningRate"
            + " && self.learningRateMin == oldSelf.learningRateMin && self.momentum == oldSelf.momentum"
            + " && self.weightDecay == oldSelf.weightDecay && self.gradClip == oldSelf.gradClip",
    message =
        "training: only epochs may change after creation; create a new ArchitectureSearch for other settings")
public class TrainingSpec {

  @Default("50")
  @Min(1)
  @Max(10_000)
  @JsonPropertyDescription(
      "Search epochs. May be raised later; a finished search then continues from its"
          + " checkpoint.")
  private Integer epochs = 50;

  @Default("64")
  @Min(1)
  @Max(4096)
  @JsonPropertyDescription("Images per weight step and per validation batch.")
  private Integer batchSize = 64;

  @Default("0.025")
  @Min(value = 0, inclusive = false)
  @Max(10)
  @JsonPropertyDescription("Initial SGD learning rate of the weights; cosine-annealed per epoch.")
  private Double learningRate = 0.025;

  @Default("0.001")
  @Min(0)
  @Max(10)
  @JsonPropertyDescription("Final learning rate of the cosine schedule.")
  private Double learningRateMin = 0.001;

  @Default("0.9")
  @Min(0)
  @Max(value = 1, inclusive = false)
  @JsonPropertyDescription("SGD momentum (PyTorch semantics).")
  private Double momentum = 0.9;

  @Default("0.0003")
  @Min(0)
  @Max(1)
  @JsonPropertyDescription("SGD weight decay of the weights; alphas have none.")
  private Double weightDecay = 3e-4;

  @Default("5")
  @Min(value = 0, inclusive = false)
  @Max(1000)
  @JsonPropertyDescription("Global L2-norm gradient clipping threshold.")
  private Double gradClip = 5.0;

  @Default("2")
  @Min(0)
  @Max(2_147_483_647)
  @JsonPropertyDescription(
      "Seed of every random stream (weights, alphas, data order, perturbations).")
  private Long seed = 2L;

  @Size(max = 32)
  @Pattern(Patterns.DURATION)
  @JsonPropertyDescription(
      "Time budget: the trainer's total running time across all its attempts (a duration such as"
          + " 6h, 90m or 1h30m), counted in its checkpoints. When it is used up the trainer"
          + " checkpoints and the search succeeds with reason BudgetExhausted and the genotype"
          + " found so far; raising it continues the search. Unset: no limit. May be changed at"
          + " any time; a running trainer keeps the budget it started with.")
  private String maxDuration;

  public Integer getEpochs() {
    return epochs;
  }

  public void setEpochs(Integer epochs) {
    this.epochs = epochs;
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

  public Double getLearningRateMin() {
    return learningRateMin;
  }

  public void setLearningRateMin(Double learningRateMin) {
    this.learningRateMin = learningRateMin;
  }

  public Double getMomentum() {
    return momentum;
  }

  public void setMomentum(Double momentum) {
    this.momentum = momentum;
  }

  public Double getWeightDecay() {
    return weightDecay;
  }

  public void setWeightDecay(Double weightDecay) {
    this.weightDecay = weightDecay;
  }

  public Double getGradClip() {
    return gradClip;
  }

  public void setGradClip(Double gradClip) {
    this.gradClip = gradClip;
  }

  public Long getSeed() {
    return seed;
  }

  public void setSeed(Long seed) {
    this.seed = seed;
  }

  public String getMaxDuration() {
    return maxDuration;
  }

  public void setMaxDuration(String maxDuration) {
    this.maxDuration = maxDuration;
  }
}
