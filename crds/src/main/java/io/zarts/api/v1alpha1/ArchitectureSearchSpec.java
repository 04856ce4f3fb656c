package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * What to search, how, and with which resources. Only suspend, training.epochs and resources change
 * later.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "dataset",
  "searchSpace",
  "optimizer",
  "training",
  "resources",
  "checkpoint",
  "trainer",
  "evaluation",
  "suspend"
})
@ValidationRule(
    value = "self.optimizer.warmupEpochs < self.training.epochs",
    message =
        "optimizer.warmupEpochs must be less than training.epochs, or no architecture update would ever run:"
            + " lower optimizer.warmupEpochs (default 10) or raise training.epochs (default 50)",
    fieldPath = ".optimizer.warmupEpochs")
public class ArchitectureSearchSpec {

  @Required
  @JsonPropertyDescription(
      "The training data: which dataset, where its files are, and how it is split into the"
          + " weight-training half and the architecture-validation half. Immutable.")
  private DatasetSpec dataset;

  @Default("{}")
  @JsonPropertyDescription(
      "The DARTS search space: candidate operations and the size of the supernet. Immutable.")
  private SearchSpaceSpec searchSpace = new SearchSpaceSpec();

  @Default("{}")
  @JsonPropertyDescription(
      "How the architecture parameters (alphas) are optimised: the ZARTS zero-order"
          + " strategies mgs, rs, gld, or the first-order DARTS baseline. Immutable.")
  private OptimizerSpec optimizer = new OptimizerSpec();

  @Default("{}")
  @JsonPropertyDescription(
      "Training of the supernet weights. Only epochs may change after creation, and only upward.")
  private TrainingSpec training = new TrainingSpec();

  @Default("{}")
  @JsonPropertyDescription(
      "Compute for the trainer pod: GPUs, CPU and memory, placement and Kueue queue. Mutable;"
          + " a change applies when the trainer pod is next created.")
  private ResourcesSpec resources = new ResourcesSpec();

  @Default("{\"size\":\"" + CheckpointSpec.DEFAULT_SIZE + "\"}")
  @JsonPropertyDescription(
      "Where checkpoints (weights, alphas, optimizer state) are kept so the search survives"
          + " preemption. Give exactly one of size (a new claim) or existingClaim. Defaults to a new "
          + CheckpointSpec.DEFAULT_SIZE
          + " claim.")
  private CheckpointSpec checkpoint = CheckpointSpec.withDefaultSize();

  @Default("{}")
  @JsonPropertyDescription(
      "Trainer process settings. The image itself comes from the operator's configuration.")
  private TrainerSpec trainer = new TrainerSpec();

  @JsonPropertyDescription(
      "Retrain the derived cell from scratch after the search and score it on the dataset's test"
          + " images; absent: no evaluation. With evaluation.genotype the search is skipped.")
  private EvaluationSpec evaluation;

  @Default("false")
  @JsonPropertyDescription(
      "true checkpoints the search, stops the trainer and releases its GPU; false resumes it"
          + " from the latest checkpoint.")
  private Boolean suspend = false;

  public DatasetSpec getDataset() {
    return dataset;
  }

  public void setDataset(DatasetSpec dataset) {
    this.dataset = dataset;
  }

  public SearchSpaceSpec getSearchSpace() {
    return searchSpace;
  }

  public void setSearchSpace(SearchSpaceSpec searchSpace) {
    this.searchSpace = searchSpace;
  }

  public OptimizerSpec getOptimizer() {
    return optimizer;
  }

  public void setOptimizer(OptimizerSpec optimizer) {
    this.optimizer = optimizer;
  }

  public TrainingSpec getTraining() {
    return training;
  }

  public void setTraining(TrainingSpec training) {
    this.training = training;
  }

  public ResourcesSpec getResources() {
    return resources;
  }

  public void setResources(ResourcesSpec resources) {
    this.resources = resources;
  }

  public CheckpointSpec getCheckpoint() {
    return checkpoint;
  }

  public void setCheckpoint(CheckpointSpec checkpoint) {
    this.checkpoint = checkpoint;
  }

  public TrainerSpec getTrainer() {
    return trainer;
  }

  public void setTrainer(TrainerSpec trainer) {
    this.trainer = trainer;
  }

  public Boolean getSuspend() {
    return suspend;
  }

  public void setSuspend(Boolean suspend) {
    this.suspend = suspend;
  }

  public EvaluationSpec getEvaluation() {
    return evaluation;
  }

  public void setEvaluation(EvaluationSpec evaluation) {
    this.evaluation = evaluation;
  }
}
