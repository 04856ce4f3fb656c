package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Size;

/** Where the newest verified checkpoint is. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"claimName", "path", "epoch", "time"})
public class CheckpointStatus {

  @Size(max = 253)
  @JsonPropertyDescription("PersistentVolumeClaim holding the checkpoints.")
  private String claimName;

  @Size(max = 1024)
  @JsonPropertyDescription("Directory of the newest checkpoint, relative to the claim's root.")
  private String path;

  @JsonPropertyDescription("Epoch the checkpoint was taken after.")
  private Integer epoch;

  @Size(max = 64)
  @JsonPropertyDescription("When it was committed (RFC 3339).")
  private String time;

  public String getClaimName() {
    return claimName;
  }

  public void setClaimName(String claimName) {
    this.claimName = claimName;
  }

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  public Integer getEpoch() {
    return epoch;
  }

  public void setEpoch(Integer epoch) {
    this.epoch = epoch;
  }

  public String getTime() {
    return time;
  }

  public void setTime(String time) {
    this.time = time;
  }
}
