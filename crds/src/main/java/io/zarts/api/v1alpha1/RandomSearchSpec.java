package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * Random search: A <- A - learningRate * g, g estimated from loss differences along random
 * directions.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"delta", "learningRate", "directions", "antithetic"})
public class RandomSearchSpec {

  @Default("0.1")
  @Min(value = 0, inclusive = false)
  @Max(10)
  @JsonPropertyDescription(
      "Smoothing radius: candidates are A + delta*v (and A - delta*v when antithetic).")
  private Double delta = 0.1;

  @Default("0.3")
  @Min(value = 0, inclusive = false)
  @Max(100)
  @JsonPropertyDescription(
      "Step size applied to the zero-order gradient estimate. 0.3 moves the alphas about as far per"
          + " update as MGS with its defaults (measured; the plotting script's 1e-4 barely moves them).")
  private Double learningRate = 0.3;

  @Default("uniform")
  @JsonPropertyDescription("Direction distribution: uniform on the unit sphere or normal.")
  private Directions directions = Directions.UNIFORM;

  @Default("true")
  @JsonPropertyDescription(
      "true evaluates A+delta*v and A-delta*v; false compares A+delta*v with not moving"
          + " (one-sided): A trained with the same inner steps, or L0 without inner steps.")
  private Boolean antithetic = true;

  public Double getDelta() {
    return delta;
  }

  public void setDelta(Double delta) {
    this.delta = delta;
  }

  public Double getLearningRate() {
    return learningRate;
  }

  public void setLearningRate(Double learningRate) {
    this.learningRate = learningRate;
  }

  public Directions getDirections() {
    return directions;
  }

  public void setDirections(Directions directions) {
    this.directions = directions;
  }

  public Boolean getAntithetic() {
    return antithetic;
  }

  public void setAntithetic(Boolean antithetic) {
    this.antithetic = antithetic;
  }
}
