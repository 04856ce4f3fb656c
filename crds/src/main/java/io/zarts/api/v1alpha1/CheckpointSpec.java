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

/**
 * Checkpoint storage and cadence. The location is immutable; cadence, retention and retainOnDelete
 * are not.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "size",
  "storageClassName",
  "existingClaim",
  "everyEpochs",
  "keep",
  "retainOnDelete"
})
@ValidationRule(
    value = "has(self.size) != has(self.existingClaim)",
    message =
        "checkpoint needs exactly one of size (the operator creates a claim) or existingClaim (use yours)")
@ValidationRule(
    value = "!has(self.storageClassName) || has(self.size)",
    message =
        "checkpoint.storageClassName only applies to a new claim: give checkpoint.size with it",
    fieldPath = ".storageClassName")
@ValidationRule(
    value =
        "has(self.existingClaim) == has(oldSelf.existingClaim)"
            + " && has(self.storageClassName) == has(oldSelf.storageClassName)",
    message =
        "checkpoint location is immutable: existingClaim and storageClassName cannot be added or removed after"
            + " creation")
public class CheckpointSpec {

  static final String DEFAULT_SIZE = "10Gi";

  @Size(max = 32)
  @Pattern(Patterns.STORAGE_QUANTITY)
  // A claim cannot shrink: a lowered size would be refused by the claim on every pass.
  @ValidationRule(
      value = "quantity(self).compareTo(quantity(oldSelf)) >= 0",
      message =
          "checkpoint.size cannot be lowered (a claim cannot shrink): keep it at least at its"
              + " current value")
  @JsonPropertyDescription(
      "Size of a new checkpoint claim <name>-checkpoints, e.g. 10Gi. May be raised later: the"
          + " operator expands the claim where its storage class allows it (claims cannot shrink).")
  private String size;

  @Size(max = Patterns.DNS_SUBDOMAIN_MAX)
  @Pattern(Patterns.DNS_SUBDOMAIN)
  @ValidationRule(value = "self == oldSelf", message = "checkpoint.storageClassName is immutable")
  @JsonPropertyDescription(
      "StorageClass of the new claim; unset uses the operator's default, then the cluster's.")
  private String storageClassName;

  @Size(max = Patterns.DNS_SUBDOMAIN_MAX)
  @Pattern(Patterns.DNS_SUBDOMAIN)
  @ValidationRule(value = "self == oldSelf", message = "checkpoint.existingClaim is immutable")
  @JsonPropertyDescription(
      "An existing PersistentVolumeClaim to keep checkpoints in; it is never deleted.")
  private String existingClaim;

  @Default("1")
  @Min(1)
  @Max(1000)
  @JsonPropertyDescription(
      "Checkpoint every this many epochs (and always at the end and on SIGTERM).")
  private Integer everyEpochs = 1;

  @Default("3")
  @Min(1)
  @Max(100)
  @JsonPropertyDescription("Number of most recent checkpoints kept.")
  private Integer keep = 3;

  @Default("false")
  @JsonPropertyDescription(
      "true keeps the operator-created claim when the ArchitectureSearch is deleted.")
  private Boolean retainOnDelete = false;

  /** The default when spec.checkpoint is omitted: a new claim of the default size. */
  public static CheckpointSpec withDefaultSize() {
    CheckpointSpec spec = new CheckpointSpec();
    spec.size = DEFAULT_SIZE;
    return spec;
  }

  public String getSize() {
    return size;
  }

  public void setSize(String size) {
    this.size = size;
  }

  public String getStorageClassName() {
    return storageClassName;
  }

  public void setStorageClassName(String storageClassName) {
    this.storageClassName = storageClassName;
  }

  public String getExistingClaim() {
    return existingClaim;
  }

  public void setExistingClaim(String existingClaim) {
    this.existingClaim = existingClaim;
  }

  public Integer getEveryEpochs() {
    return everyEpochs;
  }

  public void setEveryEpochs(Integer everyEpochs) {
    this.everyEpochs = everyEpochs;
  }

  public Integer getKeep() {
    return keep;
  }

  public void setKeep(Integer keep) {
    this.keep = keep;
  }

  public Boolean getRetainOnDelete() {
    return retainOnDelete;
  }

  public void setRetainOnDelete(Boolean retainOnDelete) {
    this.retainOnDelete = retainOnDelete;
  }
}
