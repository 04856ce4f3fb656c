package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Size;

/** What the evaluation stage reports: its progress, the final test accuracy and the model. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "phase",
  "epoch",
  "epochs",
  "trainLoss",
  "trainAccuracy",
  "testAccuracy",
  "parameters",
  "modelPath",
  "startTime",
  "completionTime"
})
public class EvaluationStatus {

  @Size(max = 32)
  @JsonPropertyDescription("Pending, Running, Suspended, Succeeded or Failed.")
  private String phase;

  @JsonPropertyDescription("Finished evaluation epochs.")
  private Integer epoch;

  @JsonPropertyDescription("Epochs the evaluation trains in all.")
  private Integer epochs;

  @JsonPropertyDescription("Training loss of the last finished epoch.")
  private Double trainLoss;

  @JsonPropertyDescription("Training accuracy of the last finished epoch.")
  private Double trainAccuracy;

  @JsonPropertyDescription(
      "Accuracy on the dataset's test images after the last finished epoch (the final epoch's is the"
          + " result; the best epoch is never chosen, that would select on the test set).")
  private Double testAccuracy;

  @JsonPropertyDescription("Trainable parameters of the network, the auxiliary head excluded.")
  private Long parameters;

  @Size(max = 1024)
  @JsonPropertyDescription("Folder of the trained model on the checkpoint claim.")
  private String modelPath;

  @Size(max = 64)
  @JsonPropertyDescription("When the evaluation started.")
  private String startTime;

  @Size(max = 64)
  @JsonPropertyDescription("When the evaluation finished.")
  private String completionTime;

  public String getPhase() {
    return phase;
  }

  public void setPhase(String phase) {
    this.phase = phase;
  }

  public Integer getEpoch() {
    return epoch;
  }

  public void setEpoch(Integer epoch) {
    this.epoch = epoch;
  }

  public Integer getEpochs() {
    return epochs;
  }

  public void setEpochs(Integer epochs) {
    this.epochs = epochs;
  }

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

  public Double getTestAccuracy() {
    return testAccuracy;
  }

  public void setTestAccuracy(Double testAccuracy) {
    this.testAccuracy = testAccuracy;
  }

  public Long getParameters() {
    return parameters;
  }

  public void setParameters(Long parameters) {
    this.parameters = parameters;
  }

  public String getModelPath() {
    return modelPath;
  }

  public void setModelPath(String modelPath) {
    this.modelPath = modelPath;
  }

  public String getStartTime() {
    return startTime;
  }

  public void setStartTime(String startTime) {
    this.startTime = startTime;
  }

  public String getCompletionTime() {
    return completionTime;
  }

  public void setCompletionTime(String completionTime) {
    this.completionTime = completionTime;
  }
}
