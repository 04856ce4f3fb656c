package io.zarts.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** The alpha optimiser and its knobs; defaults are the released ZARTS code's CIFAR-10 settings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "algorithm",
  "samples",
  "innerSteps",
  "innerBatchSize",
  "innerDataSplit",
  "sigma",
  "sigmaSchedule",
  "tau",
  "lambda",
  "updateEvery",
  "warmupEpochs",
  "referenceParity",
  "innerOptimizer",
  "candidateEval",
  "candidateBatching",
  "rs",
  "gld",
  "darts"
})
@ValidationRule(
    value = "self == oldSelf",
    message =
        "optimizer is immutable: its state is in the checkpoints; create a new ArchitectureSearch instead")
public class OptimizerSpec {

  @Default("mgs")
  @JsonPropertyDescription(
      "mgs (maximum-likelihood guided search, the best ZARTS variant), rs (random search),"
          + " gld (gradientless descent) or darts (first-order DARTS baseline).")
  private Algorithm algorithm = Algorithm.MGS;

  @Default("4")
  @Min(1)
  @Max(64)
  @JsonPropertyDescription(
      "Candidates per alpha update (N); for rs the number of antithetic pairs.")
  private Integer samples = 4;

  @Default("10")
  @Min(0)
  @Max(100)
  @JsonPropertyDescription(
      "Weight steps each candidate is trained for before it is scored (M); 0 scores it at"
          + " the current weights.")
  private Integer innerSteps = 10;

  @Default("48")
  @Min(1)
  @Max(4096)
  @JsonPropertyDescription("Batch size of the inner weight steps (48 in the reference).")
  private Integer innerBatchSize = 48;

  @Default("valid")
  @JsonPropertyDescription(
      "Data for the inner steps: valid (the released code) or train (the paper).")
  private InnerDataSplit innerDataSplit = InnerDataSplit.VALID;

  @Default("0.025")
  @Min(value = 0, inclusive = false)
  @Max(10)
  @JsonPropertyDescription(
      "Standard deviation of the MGS/RS perturbations (0.025 for the DARTS space, 0.2 for"
          + " s1-s4 in the reference).")
  private Double sigma = 0.025;

  @Default("cosine")
  @JsonPropertyDescription(
      "sigma after warm-up: cosine (decay towards 0, as the reference) or constant.")
  private SigmaSchedule sigmaSchedule = SigmaSchedule.COSINE;

  @Default("0.01")
  @Min(value = 0, inclusive = false)
  @Max(100)
  @JsonPropertyDescription(
      "MGS temperature: candidate weights are proportional to exp(-(L_i - L_0) / tau).")
  private Double tau = 0.01;

  @Default("0.001")
  @Min(0)
  @Max(1)
  @JsonProperty("lambda")
  @JsonPropertyDescription(
      "MGS mixture weight of the zero-mean proposal against the gradient-guided one.")
  private Double lambda = 0.001;

  @Default("10")
  @Min(1)
  @Max(100_000)
  @JsonPropertyDescription("One alpha update every updateEvery weight steps.")
  private Integer updateEvery = 10;

  @Default("10")
  @Min(0)
  @Max(9999)
  @JsonPropertyDescription(
      "Epochs of weight-only training before alphas move. Must be less than training.epochs.")
  private Integer warmupEpochs = 10;

  @Default("false")
  @JsonPropertyDescription(
      "true reproduces the released code's behaviour of scoring candidates at the current"
          + " weights (its inner steps never update the candidate), for comparison with published runs.")
  private Boolean referenceParity = false;

  @Default("{}")
  @JsonPropertyDescription(
      "The separate optimiser of the inner candidate steps; the main weight optimiser is never"
          + " touched by candidate evaluation.")
  private InnerOptimizerSpec innerOptimizer = new InnerOptimizerSpec();

  @Default("{}")
  @JsonPropertyDescription("How a candidate is scored.")
  private CandidateEvalSpec candidateEval = new CandidateEvalSpec();

  @Default("auto")
  @JsonPropertyDescription(
      "auto, on or off: evaluate the candidates of an alpha update together as one supernet"
          + " as many times as wide (same losses, fewer and larger operations), or one after another. auto batches on"
          + " GPUs and, on CPUs, for small supernets only (where per-operation overhead dominates), never in spaces"
          + " with the noise op. Quote \"on\" and \"off\": YAML reads them bare as booleans.")
  private CandidateBatching candidateBatching = CandidateBatching.AUTO;

  @Default("{}")
  @JsonPropertyDescription("Settings used when algorithm is rs.")
  private RandomSearchSpec rs = new RandomSearchSpec();

  @Default("{}")
  @JsonPropertyDescription("Settings used when algorithm is gld.")
  private GldSpec gld = new GldSpec();

  @Default("{}")
  @JsonPropertyDescription(
      "Settings used when algorithm is darts (the Adam optimiser of the DARTS reference).")
  private DartsSpec darts = new DartsSpec();

  public Algorithm getAlgorithm() {
    return algorithm;
  }

  public void setAlgorithm(Algorithm algorithm) {
    this.algorithm = algorithm;
  }

  public Integer getSamples() {
    return samples;
  }

  public void setSamples(Integer samples) {
    this.samples = samples;
  }

  public Integer getInnerSteps() {
    return innerSteps;
  }

  public void setInnerSteps(Integer innerSteps) {
    this.innerSteps = innerSteps;
  }

  public Integer getInnerBatchSize() {
    return innerBatchSize;
  }

  public void setInnerBatchSize(Integer innerBatchSize) {
    this.innerBatchSize = innerBatchSize;
  }

  public InnerDataSplit getInnerDataSplit() {
    return innerDataSplit;
  }

  public void setInnerDataSplit(InnerDataSplit innerDataSplit) {
    this.innerDataSplit = innerDataSplit;
  }

  public Double getSigma() {
    return sigma;
  }

  public void setSigma(Double sigma) {
    this.sigma = sigma;
  }

  public SigmaSchedule getSigmaSchedule() {
    return sigmaSchedule;
  }

  public void setSigmaSchedule(SigmaSchedule sigmaSchedule) {
    this.sigmaSchedule = sigmaSchedule;
  }

  public Double getTau() {
    return tau;
  }

  public void setTau(Double tau) {
    this.tau = tau;
  }

  public Double getLambda() {
    return lambda;
  }

  public void setLambda(Double lambda) {
    this.lambda = lambda;
  }

  public Integer getUpdateEvery() {
    return updateEvery;
  }

  public void setUpdateEvery(Integer updateEvery) {
    this.updateEvery = updateEvery;
  }

  public Integer getWarmupEpochs() {
    return warmupEpochs;
  }

  public void setWarmupEpochs(Integer warmupEpochs) {
    this.warmupEpochs = warmupEpochs;
  }

  public Boolean getReferenceParity() {
    return referenceParity;
  }

  public void setReferenceParity(Boolean referenceParity) {
    this.referenceParity = referenceParity;
  }

  public InnerOptimizerSpec getInnerOptimizer() {
    return innerOptimizer;
  }

  public void setInnerOptimizer(InnerOptimizerSpec innerOptimizer) {
    this.innerOptimizer = innerOptimizer;
  }

  public CandidateBatching getCandidateBatching() {
    return candidateBatching;
  }

  public void setCandidateBatching(CandidateBatching candidateBatching) {
    this.candidateBatching = candidateBatching;
  }

  public CandidateEvalSpec getCandidateEval() {
    return candidateEval;
  }

  public void setCandidateEval(CandidateEvalSpec candidateEval) {
    this.candidateEval = candidateEval;
  }

  public RandomSearchSpec getRs() {
    return rs;
  }

  public void setRs(RandomSearchSpec rs) {
    this.rs = rs;
  }

  public GldSpec getGld() {
    return gld;
  }

  public void setGld(GldSpec gld) {
    this.gld = gld;
  }

  public DartsSpec getDarts() {
    return darts;
  }

  public void setDarts(DartsSpec darts) {
    this.darts = darts;
  }
}
