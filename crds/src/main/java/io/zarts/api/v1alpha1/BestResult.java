package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The best epoch by validation accuracy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"validAccuracy", "epoch"})
public class BestResult {

  @JsonPropertyDescription("Best validation accuracy so far, 0-1.")
  private Double validAccuracy;

  @JsonPropertyDescription("Epoch that reached it.")
  private Integer epoch;

  public Double getValidAccuracy() {
    return validAccuracy;
  }

  public void setValidAccuracy(Double validAccuracy) {
    this.validAccuracy = validAccuracy;
  }

  public Integer getEpoch() {
    return epoch;
  }

  public void setEpoch(Integer epoch) {
    this.epoch = epoch;
  }
}
