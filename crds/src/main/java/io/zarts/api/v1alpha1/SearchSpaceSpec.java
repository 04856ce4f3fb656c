package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** The cell search space and the size of the supernet built from it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "layers", "initChannels", "nodes"})
@ValidationRule(
    value = "self == oldSelf",
    message =
        "searchSpace is immutable: the checkpoints hold weights and alphas of this supernet; create a new"
            + " ArchitectureSearch instead")
@ValidationRule(
    value = "self.name in ['darts', 'darts-no-none'] || self.nodes == 4",
    message =
        "searchSpace.nodes must be 4 for the RobustDARTS spaces s1-s4, which define operations per edge of a"
            + " 4-node cell",
    fieldPath = ".nodes")
@ValidationRule(
    value = "self.initChannels % 2 == 0",
    message =
        "searchSpace.initChannels must be even: FactorizedReduce splits the channels into two halves",
    fieldPath = ".initChannels")
public class SearchSpaceSpec {

  @Default("darts-no-none")
  @JsonPropertyDescription(
      "Search space: darts (8 ops), darts-no-none (7 ops, what ZARTS searches), or the"
          + " RobustDARTS spaces s1, s2, s3, s4.")
  private SearchSpaceName name = SearchSpaceName.DARTS_NO_NONE;

  @Default("8")
  @Min(2)
  @Max(32)
  @JsonPropertyDescription(
      "Number of cells in the supernet; reduction cells sit at layers/3 and 2*layers/3.")
  private Integer layers = 8;

  @Default("16")
  @Min(2)
  @Max(256)
  @JsonPropertyDescription(
      "Channels of the first cell (C); each reduction cell doubles them. Must be even.")
  private Integer initChannels = 16;

  @Default("4")
  @Min(1)
  @Max(8)
  @JsonPropertyDescription("Intermediate nodes per cell; 4 gives the 14 edges of DARTS.")
  private Integer nodes = 4;

  public SearchSpaceName getName() {
    return name;
  }

  public void setName(SearchSpaceName name) {
    this.name = name;
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

  public Integer getNodes() {
    return nodes;
  }

  public void setNodes(Integer nodes) {
    this.nodes = nodes;
  }
}
