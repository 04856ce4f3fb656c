package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Gradientless descent: try radii maxRadius/2^k down to minRadius and keep the best improving step.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"maxRadius", "minRadius"})
@ValidationRule(
    value = "self.minRadius < self.maxRadius",
    message = "optimizer.gld.minRadius must be less than optimizer.gld.maxRadius",
    fieldPath = ".minRadius")
public class GldSpec {

  @Default("0.25")
  @Min(value = 0, inclusive = false)
  @Max(100)
  @JsonPropertyDescription(
      "Largest search radius R. With minRadius, measured to move the alphas about as far per update"
          + " as MGS at half its cost; the plotting script's 0.13 down to 4.69e-6 tries 15 radii.")
  private Double maxRadius = 0.25;

  @Default("0.015625")
  @Min(value = 0, inclusive = false)
  @Max(100)
  @JsonPropertyDescription(
      "Smallest search radius r: the radii R, R/2, R/4, ... down to r (r itself when R/r is a power"
          + " of two) are tried per update, floor(log2(R/r)) + 1 of them.")
  private Double minRadius = 0.015625;

  public Double getMaxRadius() {
    return maxRadius;
  }

  public void setMaxRadius(Double maxRadius) {
    this.maxRadius = maxRadius;
  }

  public Double getMinRadius() {
    return minRadius;
  }

  public void setMinRadius(Double minRadius) {
    this.minRadius = minRadius;
  }
}
