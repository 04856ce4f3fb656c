package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether the candidates of one alpha update are evaluated together as one wider supernet. */
public enum CandidateBatching {
  /**
   * On GPUs, and on CPUs for small supernets only; never for search spaces with the noise op
   * (stacked candidates would draw different noise).
   */
  @JsonProperty("auto")
  AUTO,
  /** Always stacked: one wide supernet for all candidates. */
  @JsonProperty("on")
  ON,
  /** One candidate after another, as the released code. */
  @JsonProperty("off")
  OFF
}
