package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compute and placement of the trainer pod. Mutable: applies when the pod is next created. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "gpus",
  "requests",
  "limits",
  "nodeSelector",
  "tolerations",
  "priorityClassName",
  "queueName"
})
public class ResourcesSpec {

  static final String COMPUTE_KEYS_RULE =
      "self.all(k, k in ['cpu', 'memory', 'ephemeral-storage'])";

  @Default("1")
  @Min(0)
  @Max(16)
  @JsonPropertyDescription(
      "GPUs for the trainer (nvidia.com/gpu); 0 runs on CPU. Each GPU evaluates a share of every"
          + " alpha update's candidates; weight steps run on the first.")
  private Integer gpus = 1;

  @Size(max = 3)
  @ValidationRule(
      value = COMPUTE_KEYS_RULE,
      message =
          "resources.requests may only name cpu, memory and ephemeral-storage; set GPUs with resources.gpus")
  @JsonPropertyDescription(
      "CPU, memory and ephemeral-storage requests of the trainer container; unset keys come"
          + " from the operator's defaults.")
  private Map<String, Quantity> requests;

  @Size(max = 3)
  @ValidationRule(
      value = COMPUTE_KEYS_RULE,
      message =
          "resources.limits may only name cpu, memory and ephemeral-storage; set GPUs with resources.gpus")
  @JsonPropertyDescription(
      "CPU, memory and ephemeral-storage limits of the trainer container; unset keys come from"
          + " the operator's defaults.")
  private Map<String, Quantity> limits;

  @Size(max = 32)
  @ValidationRule(
      value = "self.all(k, size(k) <= 317 && size(self[k]) <= 63)",
      message = "resources.nodeSelector keys are at most 317 and values at most 63 characters long")
  @JsonPropertyDescription("Node labels the trainer pod must match, e.g. a GPU product label.")
  private Map<String, String> nodeSelector;

  @Size(max = 32)
  @JsonPropertyDescription("Tolerations of the trainer pod, e.g. for tainted GPU nodes.")
  private List<TolerationSpec> tolerations;

  @Size(max = Patterns.DNS_SUBDOMAIN_MAX)
  @Pattern(Patterns.DNS_SUBDOMAIN)
  @JsonPropertyDescription("PriorityClass of the trainer pod.")
  private String priorityClassName;

  @Size(max = Patterns.DNS_LABEL_MAX)
  @Pattern(Patterns.DNS_LABEL)
  @JsonPropertyDescription(
      "Kueue LocalQueue: the Job is created suspended with the kueue.x-k8s.io/queue-name label"
          + " and Kueue admits it when quota allows.")
  private String queueName;

  /** The requests, never null, for callers that merge them with defaults. */
  public Map<String, Quantity> requestsOrEmpty() {
    return requests == null ? new LinkedHashMap<>() : requests;
  }

  /** The limits, never null. */
  public Map<String, Quantity> limitsOrEmpty() {
    return limits == null ? new LinkedHashMap<>() : limits;
  }

  /** The tolerations, never null. */
  public List<TolerationSpec> tolerationsOrEmpty() {
    return tolerations == null ? new ArrayList<>() : tolerations;
  }

  public Integer getGpus() {
    return gpus;
  }

  public void setGpus(Integer gpus) {
    this.gpus = gpus;
  }

  public Map<String, Quantity> getRequests() {
    return requests;
  }

  public void setRequests(Map<String, Quantity> requests) {
    this.requests = requests;
  }

  public Map<String, Quantity> getLimits() {
    return limits;
  }

  public void setLimits(Map<String, Quantity> limits) {
    this.limits = limits;
  }

  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public List<TolerationSpec> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<TolerationSpec> tolerations) {
    this.tolerations = tolerations;
  }

  public String getPriorityClassName() {
    return priorityClassName;
  }

  public void setPriorityClassName(String priorityClassName) {
    this.priorityClassName = priorityClassName;
  }

  public String getQueueName() {
    return queueName;
  }

  public void setQueueName(String queueName) {
    this.queueName = queueName;
  }
}
