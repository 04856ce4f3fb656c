package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Trainer process settings; never the image, which the operator's configuration fixes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"device", "threads"})
public class TrainerSpec {

  @Default("auto")
  @JsonPropertyDescription(
      "auto (GPU if visible, else CPU), cpu, or gpu (fail when none is visible).")
  private Device device = Device.AUTO;

  @Default("0")
  @Min(0)
  @Max(256)
  @JsonPropertyDescription(
      "Intra-op CPU threads of the engine; 0 uses one per CPU the container may use.")
  private Integer threads = 0;

  public Device getDevice() {
    return device;
  }

  public void setDevice(Device device) {
    this.device = device;
  }

  public Integer getThreads() {
    return threads;
  }

  public void setThreads(Integer threads) {
    this.threads = threads;
  }
}
