package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** softmax(alpha) per cell type: one row per edge, one column per operation of that edge. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"normal", "reduce", "normalEntropy", "reduceEntropy"})
public class AlphaWeights {

  @Size(max = 64)
  @JsonPropertyDescription("Normal-cell operation weights, [edges][ops].")
  private List<List<Double>> normal;

  @Size(max = 64)
  @JsonPropertyDescription("Reduction-cell operation weights, [edges][ops].")
  private List<List<Double>> reduce;

  @JsonPropertyDescription("Mean entropy of the normal-cell edge distributions, in nats.")
  private Double normalEntropy;

  @JsonPropertyDescription("Mean entropy of the reduction-cell edge distributions, in nats.")
  private Double reduceEntropy;

  public List<List<Double>> getNormal() {
    return normal;
  }

  public void setNormal(List<List<Double>> normal) {
    this.normal = normal;
  }

  public List<List<Double>> getReduce() {
    return reduce;
  }

  public void setReduce(List<List<Double>> reduce) {
    this.reduce = reduce;
  }

  public Double getNormalEntropy() {
    return normalEntropy;
  }

  public void setNormalEntropy(Double normalEntropy) {
    this.normalEntropy = normalEntropy;
  }

  public Double getReduceEntropy() {
    return reduceEntropy;
  }

  public void setReduceEntropy(Double reduceEntropy) {
    this.reduceEntropy = reduceEntropy;
  }
}
