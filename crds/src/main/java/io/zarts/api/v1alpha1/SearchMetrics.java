package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Metrics of one epoch. Accuracies are fractions in [0, 1]. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "trainLoss",
  "trainAccuracy",
  "validLoss",
  "validAccuracy",
  "secondsPerEpoch",
  "imagesPerSecond"
})
public class SearchMetrics {

  @JsonPropertyDescription("Mean cross-entropy on the training half.")
  private Double trainLoss;

  @JsonPropertyDescription("Top-1 accuracy on the training half, 0-1.")
  private Double trainAccuracy;

  @JsonPropertyDescription("Mean cross-entropy on the validation half (eval mode).")
  private Double validLoss;

  @JsonPropertyDescription("Top-1 accuracy on the validation half, 0-1.")
  private Double validAccuracy;

  @JsonPropertyDescription("Wall-clock seconds of the epoch, alpha updates included.")
  private Double secondsPerEpoch;

  @JsonPropertyDescription("Training images per second over the epoch.")
  private Double imagesPerSecond;

  public Double getTrainLoss() {
    return trainLoss;
  }

  public void setTrainLoss(Double trainLoss) {
    this.trainLoss = trainLoss;
  }

  public Double getTrainAccuracy() {
    return trainAccuracy;
  }

  public void setTrainAccuracy(Double trainAccuracy) {
    this.trainAccuracy = trainAccuracy;
  }

  public Double getValidLoss() {
    return validLoss;
  }

  public void setValidLoss(Double validLoss) {
    this.validLoss = validLoss;
  }

  public Double getValidAccuracy() {
    return validAccuracy;
  }

  public void setValidAccuracy(Double validAccuracy) {
    this.validAccuracy = validAccuracy;
  }

  public Double getSecondsPerEpoch() {
    return secondsPerEpoch;
  }

  public void setSecondsPerEpoch(Double secondsPerEpoch) {
    this.secondsPerEpoch = secondsPerEpoch;
  }

  public Double getImagesPerSecond() {
    return imagesPerSecond;
  }

  public void setImagesPerSecond(Double imagesPerSecond) {
    this.imagesPerSecond = imagesPerSecond;
  }
}
