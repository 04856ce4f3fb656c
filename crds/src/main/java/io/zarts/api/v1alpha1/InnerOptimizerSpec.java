package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** A fresh SGD for the inner steps of each candidate, as the authors' analysis scripts use. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"learningRate", "momentum", "weightDecay", "gradClip"})
public class InnerOptimizerSpec {

  @Default("0.001")
  @Min(value = 0, inclusive = false)
  @Max(10)
  @JsonPropertyDescription("Learning rate of the inner SGD.")
  private Double learningRate = 0.001;

  @Default("0.9")
  @Min(0)
  @Max(value = 1, inclusive = false)
  @JsonPropertyDescription("Momentum of the inner SGD.")
  private Double momentum = 0.9;

  @Default("0.0003")
  @Min(0)
  @Max(1)
  @JsonPropertyDescription("Weight decay of the inner SGD.")
  private Double weightDecay = 3e-4;

  @Default("5")
  @Min(value = 0, inclusive = false)
  @Max(1000)
  @JsonPropertyDescription("Global L2-norm gradient clipping of the inner steps.")
  private Double gradClip = 5.0;

  public Double getLearningRate() {
    return learningRate;
  }

  public void setLearningRate(Double learningRate) {
    this.learningRate = learningRate;
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
}
