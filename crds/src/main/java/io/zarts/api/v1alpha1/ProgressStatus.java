package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** How far the search is. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"epoch", "totalEpochs", "percent", "etaSeconds"})
public class ProgressStatus {

  @JsonPropertyDescription("Finished epochs.")
  private Integer epoch;

  @JsonPropertyDescription("training.epochs the search runs to.")
  private Integer totalEpochs;

  @JsonPropertyDescription("epoch / totalEpochs in percent, 0-100.")
  private Integer percent;

  @JsonPropertyDescription(
      "Estimated seconds until the last epoch ends, from the recent seconds per epoch.")
  private Long etaSeconds;

  public Integer getEpoch() {
    return epoch;
  }

  public void setEpoch(Integer epoch) {
    this.epoch = epoch;
  }

  public Integer getTotalEpochs() {
    return totalEpochs;
  }

  public void setTotalEpochs(Integer totalEpochs) {
    this.totalEpochs = totalEpochs;
  }

  public Integer getPercent() {
    return percent;
  }

  public void setPercent(Integer percent) {
    this.percent = percent;
  }

  public Long getEtaSeconds() {
    return etaSeconds;
  }

  public void setEtaSeconds(Long etaSeconds) {
    this.etaSeconds = etaSeconds;
  }
}
