package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Adam on the first-order alpha gradient, as the DARTS reference. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"learningRate", "beta1", "beta2", "weightDecay"})
public class DartsSpec {

  @Default("0.0003")
  @Min(value = 0, inclusive = false)
  @Max(10)
  @JsonPropertyDescription("Adam learning rate on the alphas.")
  private Double learningRate = 3e-4;

  @Default("0.5")
  @Min(0)
  @Max(value = 1, inclusive = false)
  @JsonPropertyDescription("Adam beta1.")
  private Double beta1 = 0.5;

  @Default("0.999")
  @Min(0)
  @Max(value = 1, inclusive = false)
  @JsonPropertyDescription("Adam beta2.")
  private Double beta2 = 0.999;

  @Default("0.001")
  @Min(0)
  @Max(1)
  @JsonPropertyDescription("Weight decay on the alphas.")
  private Double weightDecay = 1e-3;

  public Double getLearningRate() {
    return learningRate;
  }

  public void setLearningRate(Double learningRate) {
    this.learningRate = learningRate;
  }

  public Double getBeta1() {
    return beta1;
  }

  public void setBeta1(Double beta1) {
    this.beta1 = beta1;
  }

  public Double getBeta2() {
    return beta2;
  }

  public void setBeta2(Double beta2) {
    this.beta2 = beta2;
  }

  public Double getWeightDecay() {
    return weightDecay;
  }

  public void setWeightDecay(Double weightDecay) {
    this.weightDecay = weightDecay;
  }
}
