package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Size;

/** The trainer Job as the operator last saw it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"jobName", "attempts", "lastExitCode", "lastExitReason"})
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
