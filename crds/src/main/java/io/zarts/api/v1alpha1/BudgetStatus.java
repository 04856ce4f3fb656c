package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Size;

/**
 * The time budget (training.maxDuration) as the trainer last reported it: the budget it ran with,
 * the running time used so far across attempts, and whether the budget is used up.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"maxDuration", "usedSeconds", "exhausted"})
public class BudgetStatus {

  @Size(max = 32)
  @JsonPropertyDescription("The training.maxDuration the trainer ran with.")
  private String maxDuration;

  @JsonPropertyDescription(
      "Trainer running time used so far, summed over attempts as the checkpoints count it.")
  private Double usedSeconds;

  @JsonPropertyDescription(
      "True when the budget was used up: the search ended with the genotype found so far.")
  private Boolean exhausted;

  public BudgetStatus() {}

  public BudgetStatus(String maxDuration, Double usedSeconds, Boolean exhausted) {
    this.maxDuration = maxDuration;
    this.usedSeconds = usedSeconds;
    this.exhausted = exhausted;
  }

  /**
   * The budget block of a trainer report: null without a maxDuration (no budget), the time used
   * rounded to a tenth of a second.
   */
  public static BudgetStatus report(String maxDuration, double usedSeconds, boolean exhausted) {
    return maxDuration == null
        ? null
        : new BudgetStatus(maxDuration, Math.round(usedSeconds * 10) / 10.0, exhausted);
  }

  /** Whether a budget block (null when there is no budget) says the budget was used up. */
  public static boolean usedUp(BudgetStatus budget) {
    return budget != null && Boolean.TRUE.equals(budget.exhausted);
  }

  public String getMaxDuration() {
    return maxDuration;
  }

  public void setMaxDuration(String maxDuration) {
    this.maxDuration = maxDuration;
  }

  public Double getUsedSeconds() {
    return usedSeconds;
  }

  public void setUsedSeconds(Double usedSeconds) {
    this.usedSeconds = usedSeconds;
  }

  public Boolean getExhausted() {
    return exhausted;
  }

  public void setExhausted(Boolean exhausted) {
    this.exhausted = exhausted;
  }
}
