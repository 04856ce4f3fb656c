package io.zarts.api.progress;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zarts.api.genotype.Genotype;
import io.zarts.api.v1alpha1.AlphaWeights;
import io.zarts.api.v1alpha1.BestResult;
import io.zarts.api.v1alpha1.BudgetStatus;
import io.zarts.api.v1alpha1.CheckpointStatus;
import io.zarts.api.v1alpha1.EvaluationStatus;
import io.zarts.api.v1alpha1.SearchMetrics;
import java.util.List;

/**
 * The report the trainer writes after each epoch and at start, resume and end (to progress.json on
 * the checkpoint volume and to the ConfigMap {@code <search>-progress}, key {@code progress.json}),
 * and the operator maps into the status. Readers ignore fields they do not know, so later minor
 * versions may add fields; a report with a higher {@link #SCHEMA_VERSION} is refused.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "schemaVersion",
  "state",
  "timestamp",
  "epoch",
  "totalEpochs",
  "step",
  "resumes",
  "metrics",
  "best",
  "alphas",
  "genotype",
  "checkpoint",
  "budget",
  "evaluation",
  "devices",
  "deviceWarnings",
  "message"
})
public class TrainerProgress {

  /** The version this code writes and the highest it reads. */
  public static final int SCHEMA_VERSION = 1;

  /** File name on the volume and key in the ConfigMap. */
  public static final String FILE_NAME = "progress.json";

  /**
   * The ConfigMap key of the evaluation stage's reports (in its own folder they are progress.json):
   * a separate key, so that the evaluation never overwrites the search's final report.
   */
  public static final String EVALUATION_KEY = "evaluation.json";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private int schemaVersion = SCHEMA_VERSION;
  private TrainerState state;

  /** RFC 3339 time the report was written. */
  private String timestamp;

  /** Finished epochs. */
  private Integer epoch;

  private Integer totalEpochs;

  /** Weight steps done in total. */
  private Long step;

  /** How often this search has resumed from a checkpoint. */
  private Integer resumes;

  private SearchMetrics metrics;
  private BestResult best;
  private AlphaWeights alphas;
  private Genotype genotype;
  private CheckpointStatus checkpoint;

  /** The time budget, when training.maxDuration sets one. */
  private BudgetStatus budget;

  /** The evaluation stage's progress and result; only in the evaluation's reports. */
  private EvaluationStatus evaluation;

  /** The candidate workers' devices, e.g. [gpu:0, gpu:1] or [cpu:0, cpu:1]. */
  private List<String> devices;

  /** Where the devices differ from what the resource asked for (e.g. fewer GPUs visible). */
  private List<String> deviceWarnings;

  /** Human-readable note, e.g. why the trainer failed. */
  private String message;

  /** Parses a report; throws {@link ProgressFormatException} for malformed or too-new reports. */
  public static TrainerProgress fromJson(String json) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ProgressFormatException(
          "progress report is not JSON: " + e.getOriginalMessage(), e);
    }
    if (tree == null || !tree.isObject()) {
      throw new ProgressFormatException("progress report must be a JSON object", null);
    }
    JsonNode version = tree.get("schemaVersion");
    if (version == null || !version.canConvertToInt() || version.asInt() < 1) {
      throw new ProgressFormatException(
          "progress report lacks a positive integer schemaVersion", null);
    }
    if (version.asInt() > SCHEMA_VERSION) {
      throw new ProgressFormatException(
          "progress report has schemaVersion "
              + version.asInt()
              + " but this build reads up to "
              + SCHEMA_VERSION
              + ": upgrade the operator",
          null);
    }
    try {
      return MAPPER.treeToValue(tree, TrainerProgress.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new ProgressFormatException(
          "progress report has an invalid field: " + e.getMessage(), e);
    }
  }

  /** Serialises the report as compact JSON. */
  public String toJson() {
    try {
      return MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise progress report", e);
    }
  }

  public int getSchemaVersion() {
    return schemaVersion;
  }

  public void setSchemaVersion(int schemaVersion) {
    this.schemaVersion = schemaVersion;
  }

  public TrainerState getState() {
    return state;
  }

  public void setState(TrainerState state) {
    this.state = state;
  }

  public String getTimestamp() {
    return timestamp;
  }

  public void setTimestamp(String timestamp) {
    this.timestamp = timestamp;
  }

  public Integer getEpoch() {
    return epoch;
  }

  public void setEpoch(Integer epoch) {
    this.epoch = epoch;
  }

  public Integer getTotalEpochs() {
    return totalEpochs;
  }

  public void setTotalEpochs(Integer totalEpochs) {
    this.totalEpochs = totalEpochs;
  }

  public Long getStep() {
    return step;
  }

  public void setStep(Long step) {
    this.step = step;
  }

  public Integer getResumes() {
    return resumes;
  }

  public void setResumes(Integer resumes) {
    this.resumes = resumes;
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

  public EvaluationStatus getEvaluation() {
    return evaluation;
  }

  public void setEvaluation(EvaluationStatus evaluation) {
    this.evaluation = evaluation;
  }

  public List<String> getDevices() {
    return devices;
  }

  public void setDevices(List<String> devices) {
    this.devices = devices;
  }

  public List<String> getDeviceWarnings() {
    return deviceWarnings;
  }

  public void setDeviceWarnings(List<String> deviceWarnings) {
    this.deviceWarnings = deviceWarnings;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public BudgetStatus getBudget() {
    return budget;
  }

  public void setBudget(BudgetStatus budget) {
    this.budget = budget;
  }
}
