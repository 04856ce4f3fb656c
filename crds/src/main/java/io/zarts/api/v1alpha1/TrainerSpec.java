package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Trainer process settings; never the image, which the operator's configuration fixes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"device", "threads", "candidateWorkers"})
public class TrainerSpec {

  @Default("auto")
  @JsonPropertyDescription(
      "auto (GPU if visible, else CPU), cpu, or gpu (fail when none is visible).")
  private Device device = Device.AUTO;

  @Default("0")
  @Min(0)
  @Max(256)
  @JsonPropertyDescription(
      "Intra-op CPU threads of the engine, per candidate worker; 0 uses one per CPU the"
          + " container may use.")
  private Integer threads = 0;

  @Default("0")
  @Min(0)
  @Max(64)
  @JsonPropertyDescription(
      "Workers that evaluate an alpha update's candidates in parallel, each with a replica of the"
          + " supernet. On GPUs one per visible GPU (a positive value caps it); on a CPU 0 means"
          + " the CPUs divided by threads (threads then counts per worker), at least 1.")
  private Integer candidateWorkers = 0;

  public Device getDevice() {
    return device;
  }

  public void setDevice(Device device) {
    this.device = device;
  }

  public Integer getCandidateWorkers() {
    return candidateWorkers;
  }

  public void setCandidateWorkers(Integer candidateWorkers) {
    this.candidateWorkers = candidateWorkers;
  }

  public Integer getThreads() {
    return threads;
  }

  public void setThreads(Integer threads) {
    this.threads = threads;
  }
}
