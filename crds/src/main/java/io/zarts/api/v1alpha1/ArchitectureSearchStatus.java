package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Condition;
import io.zarts.api.genotype.Genotype;
import java.util.ArrayList;
import java.util.List;

/** Observed state, written only by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "observedGeneration",
  "observedSpecHash",
  "phase",
  "stage",
  "retryToken",
  "conditions",
  "progress",
  "metrics",
  "best",
  "alphas",
  "genotype",
  "checkpoint",
  "budget",
  "trainer",
  "evaluation",
  "startTime",
  "completionTime"
})
public class ArchitectureSearchStatus {

  @JsonPropertyDescription("metadata.generation of the spec this status describes.")
  private Long observedGeneration;

  @Size(max = 128)
  @JsonPropertyDescription(
      "Hash of the immutable part of the spec the search started with; a mismatch stops the"
          + " search with reason ImmutableFieldChanged.")
  private String observedSpecHash;

  @JsonPropertyDescription(
      "Pending, Running, Evaluating, Suspended, Succeeded or Failed; derived from the conditions.")
  private SearchPhase phase;

  @JsonPropertyDescription(
      "The stage whose trainer Job is current: Search, or Evaluation once the search has"
          + " succeeded (with spec.evaluation).")
  private SearchStage stage;

  @Size(max = 63)
  @JsonPropertyDescription(
      "The value of the zarts.io/retry annotation last honoured: a different value starts a"
          + " finished search's trainer again.")
  private String retryToken;

  @Size(max = 16)
  @JsonPropertyDescription(
      "Ready, Succeeded, Failed, Suspended, Evaluating, CheckpointAvailable, and the kstatus"
          + " conditions Reconciling (work in progress) and Stalled (a failure that needs the"
          + " user), each with reason and message; a list map keyed by type.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Epoch progress and estimated time to completion.")
  private ProgressStatus progress;

  @JsonPropertyDescription("Losses and accuracies of the last finished epoch.")
  private SearchMetrics metrics;

  @JsonPropertyDescription("The best validation accuracy so far and its epoch.")
  private BestResult best;

  @JsonPropertyDescription("Current softmax(alpha) per cell type, rounded.")
  private AlphaWeights alphas;

  @JsonPropertyDescription("The architecture derived from the current alphas.")
  private Genotype genotype;

  @JsonPropertyDescription("The newest verified checkpoint.")
  private CheckpointStatus checkpoint;

  @JsonPropertyDescription(
      "The time budget (training.maxDuration): used so far, and whether it ran out.")
  private BudgetStatus budget;

  @JsonPropertyDescription("The trainer Job and its attempts.")
  private TrainerStatus trainer;

  @JsonPropertyDescription(
      "The evaluation stage: progress, test accuracy, parameters, model folder.")
  private EvaluationStatus evaluation;

  @Size(max = 64)
  @JsonPropertyDescription("When the first trainer Job was created (RFC 3339).")
  private String startTime;

  @Size(max = 64)
  @JsonPropertyDescription("When the search succeeded or failed for good (RFC 3339).")
  private String completionTime;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public String getObservedSpecHash() {
    return observedSpecHash;
  }

  public void setObservedSpecHash(String observedSpecHash) {
    this.observedSpecHash = observedSpecHash;
  }

  public SearchPhase getPhase() {
    return phase;
  }

  public void setPhase(SearchPhase phase) {
    this.phase = phase;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public ProgressStatus getProgress() {
    return progress;
  }

  public void setProgress(ProgressStatus progress) {
    this.progress = progress;
  }

  public SearchMetrics getMetrics() {
    return metrics;
  }

  public void setMetrics(SearchMetrics metrics) {
    this.metrics = metrics;
  }

  public BestResult getBest() {
    return best;
  }

  public void setBest(BestResult best) {
    this.best = best;
  }

  public AlphaWeights getAlphas() {
    return alphas;
  }

  public void setAlphas(AlphaWeights alphas) {
    this.alphas = alphas;
  }

  public Genotype getGenotype() {
    return genotype;
  }

  public void setGenotype(Genotype genotype) {
    this.genotype = genotype;
  }

  public CheckpointStatus getCheckpoint() {
    return checkpoint;
  }

  public void setCheckpoint(CheckpointStatus checkpoint) {
    this.checkpoint = checkpoint;
  }

  public TrainerStatus getTrainer() {
    return trainer;
  }

  public void setTrainer(TrainerStatus trainer) {
    this.trainer = trainer;
  }

  public String getStartTime() {
    return startTime;
  }

  public void setStartTime(String startTime) {
    this.startTime = startTime;
  }

  public String getCompletionTime() {
    return completionTime;
  }

  public void setCompletionTime(String completionTime) {
    this.completionTime = completionTime;
  }

  public EvaluationStatus getEvaluation() {
    return evaluation;
  }

  public void setEvaluation(EvaluationStatus evaluation) {
    this.evaluation = evaluation;
  }

  public SearchStage getStage() {
    return stage;
  }

  public void setStage(SearchStage stage) {
    this.stage = stage;
  }

  public String getRetryToken() {
    return retryToken;
  }

  public void setRetryToken(String retryToken) {
    this.retryToken = retryToken;
  }

  public BudgetStatus getBudget() {
    return budget;
  }

  public void setBudget(BudgetStatus budget) {
    this.budget = budget;
  }
}
