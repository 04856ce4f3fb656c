package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** The trainer Job as the operator last saw it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"jobName", "attempts", "lastExitCode", "lastExitReason", "devices"})
public class TrainerStatus {

  @Size(max = 253)
  @JsonPropertyDescription("Name of the trainer Job.")
  private String jobName;

  @JsonPropertyDescription("Trainer pods started so far, the resumed ones included.")
  private Integer attempts;

  @JsonPropertyDescription("Exit code of the last finished trainer container.")
  private Integer lastExitCode;

  @Size(max = 1024)
  @JsonPropertyDescription(
      "Why the last trainer container ended (exit reason of the trainer's summary or the"
          + " kubelet's termination reason).")
  private String lastExitReason;

  @Size(max = 64)
  @JsonPropertyDescription(
      "Devices the trainer evaluates candidates on, one per worker (gpu:0, gpu:1, or cpu:0,"
          + " cpu:1 for CPU workers), as its last report said.")
  private List<@Size(max = 32) String> devices;

  public List<String> getDevices() {
    return devices;
  }

  public void setDevices(List<String> devices) {
    this.devices = devices;
  }

  public String getJobName() {
    return jobName;
  }

  public void setJobName(String jobName) {
    this.jobName = jobName;
  }

  public Integer getAttempts() {
    return attempts;
  }

  public void setAttempts(Integer attempts) {
    this.attempts = attempts;
  }

  public Integer getLastExitCode() {
    return lastExitCode;
  }

  public void setLastExitCode(Integer lastExitCode) {
    this.lastExitCode = lastExitCode;
  }

  public String getLastExitReason() {
    return lastExitReason;
  }

  public void setLastExitReason(String lastExitReason) {
    this.lastExitReason = lastExitReason;
  }
}
