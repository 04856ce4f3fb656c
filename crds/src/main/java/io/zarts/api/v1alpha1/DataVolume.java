package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A PersistentVolumeClaim mounted read-only at /data in the trainer pod. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"claimName", "subPath"})
public class DataVolume {

  @Required
  @Size(min = 1, max = Patterns.DNS_SUBDOMAIN_MAX)
  @Pattern(Patterns.DNS_SUBDOMAIN)
  @JsonPropertyDescription(
      "Name of a PersistentVolumeClaim in the search's namespace that holds the dataset files.")
  private String claimName;

  @Size(max = 1024)
  @Pattern(Patterns.RELATIVE_PATH)
  @ValidationRule(
      value = "!self.matches('(^|/)[.][.](/|$)')",
      message =
          "dataset.volume.subPath must not contain a '..' segment: give a path inside the claim")
  @JsonPropertyDescription(
      "Folder inside the claim that holds the files, relative (no leading '/', no '..')."
          + " Unset means the claim's root.")
  private String subPath;

  public String getClaimName() {
    return claimName;
  }

  public void setClaimName(String claimName) {
    this.claimName = claimName;
  }

  public String getSubPath() {
    return subPath;
  }

  public void setSubPath(String subPath) {
    this.subPath = subPath;
  }
}
