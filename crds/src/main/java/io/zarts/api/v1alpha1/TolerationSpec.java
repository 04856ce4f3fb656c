package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A pod toleration, bounded for the schema; the operator maps it onto the core type. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"key", "operator", "value", "effect", "tolerationSeconds"})
@ValidationRule(
    value = "!has(self.operator) || self.operator != 'Exists' || !has(self.value)",
    message = "a toleration with operator Exists must not have a value",
    fieldPath = ".value")
public class TolerationSpec {

  /** Toleration operators. */
  public enum Operator {
    @JsonProperty("Exists")
    EXISTS,
    @JsonProperty("Equal")
    EQUAL
  }

  /** Taint effects. */
  public enum Effect {
    @JsonProperty("NoSchedule")
    NO_SCHEDULE,
    @JsonProperty("PreferNoSchedule")
    PREFER_NO_SCHEDULE,
    @JsonProperty("NoExecute")
    NO_EXECUTE
  }

  @Size(max = 317)
  @JsonPropertyDescription("Taint key; empty with operator Exists matches every taint.")
  private String key;

  @JsonPropertyDescription("Exists or Equal (default Equal).")
  private Operator operator;

  @Size(max = 63)
  @JsonPropertyDescription("Taint value for operator Equal.")
  private String value;

  @JsonPropertyDescription(
      "Taint effect to match: NoSchedule, PreferNoSchedule or NoExecute; empty matches all.")
  private Effect effect;

  @Min(0)
  @Max(31_536_000)
  @JsonPropertyDescription("For NoExecute: seconds the pod stays bound after the taint appears.")
  private Long tolerationSeconds;

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  public Operator getOperator() {
    return operator;
  }

  public void setOperator(Operator operator) {
    this.operator = operator;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }

  public Effect getEffect() {
    return effect;
  }

  public void setEffect(Effect effect) {
    this.effect = effect;
  }

  public Long getTolerationSeconds() {
    return tolerationSeconds;
  }

  public void setTolerationSeconds(Long tolerationSeconds) {
    this.tolerationSeconds = tolerationSeconds;
  }
}
