package io.zarts.trainer.output;

import io.zarts.api.genotype.ConcatStyle;
import io.zarts.api.progress.TrainerProgress;
import io.zarts.api.progress.TrainerState;
import io.zarts.api.v1alpha1.AlphaWeights;
import io.zarts.api.v1alpha1.BestResult;
import io.zarts.api.v1alpha1.BudgetStatus;
import io.zarts.api.v1alpha1.SearchMetrics;
import io.zarts.trainer.devices.DevicePool;
import io.zarts.trainer.space.SearchSpace;
import io.zarts.trainer.train.EpochResult;
import io.zarts.trainer.train.SearchListener;
import io.zarts.trainer.train.SearchPlan;
import io.zarts.trainer.train.SearchResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The files of a search in its output folder: per epoch {@code history/epoch-NNNN/} with
 * alphas.json, genotype.json and genotype.txt (the DARTS text form); the latest of each at the top;
 * progress.json (the TrainerProgress report the operator reads) and, at the end, summary.json.
 * Every file is replaced atomically.
 */
public final class SearchOutput implements SearchListener {

  public static final String GENOTYPE_JSON = "genotype.json";
  public static final String GENOTYPE_TXT = "genotype.txt";
  public static final String ALPHAS_JSON = "alphas.json";
  public static final String SUMMARY_JSON = "summary.json";

  private final Path dir;
  private final SearchSpace space;
  private final Consumer<TrainerProgress> reports;
  private int totalEpochs;
  private int resumes;
  private String maxDuration;
  private EpochResult last;

  /** The candidate workers' devices, on every report once the search has started. */
  private DevicePool devices;

  public SearchOutput(Path dir, SearchSpace space) {
    this(dir, space, report -> {});
  }

  /** reports receives every progress report too (the ConfigMap reporter in a pod). */
  public SearchOutput(Path dir, SearchSpace space, Consumer<TrainerProgress> reports) {
    this.dir = dir;
    this.space = space;
    this.reports = reports;
  }

  private void report(TrainerProgress progress) {
    if (devices != null) {
      progress.setDevices(devices.names());
      progress.setDeviceWarnings(devices.warnings().isEmpty() ? null : devices.warnings());
    }
    AtomicFiles.write(dir.resolve(TrainerProgress.FILE_NAME), progress.toJson());
    reports.accept(progress);
  }

  public Path dir() {
    return dir;
  }

  @Override
  public void onStart(SearchPlan plan) {
    totalEpochs = plan.totalEpochs();
    resumes = plan.resumes();
    maxDuration = plan.maxDuration();
    devices = plan.devices();
    TrainerProgress progress = new TrainerProgress();
    progress.setState(plan.resumes() > 0 ? TrainerState.RESUMED : TrainerState.STARTING);
    progress.setResumes(plan.resumes());
    progress.setTimestamp(Instant.now().toString());
    progress.setEpoch(plan.firstEpoch());
    progress.setTotalEpochs(plan.totalEpochs());
    progress.setBudget(budget(plan.runSecondsBefore(), false));
    report(progress);
  }

  @Override
  public void onEpoch(EpochResult r) {
    last = r;
    String alphas =
        Json.write(
            AlphaReport.of(
                r.epoch(),
                Json.MAPPER.convertValue(space.name(), String.class),
                space.normal(),
                r.normalWeights(),
                space.reduce(),
                r.reduceWeights()));
    String genotypeJson = Json.write(r.genotype());
    String genotypeText = r.genotype().toText(ConcatStyle.RANGE) + "\n";
    Path history = dir.resolve("history").resolve(String.format("epoch-%04d", r.epoch()));
    for (Path target : new Path[] {history, dir}) {
      AtomicFiles.write(target.resolve(ALPHAS_JSON), alphas);
      AtomicFiles.write(target.resolve(GENOTYPE_JSON), genotypeJson);
      AtomicFiles.write(target.resolve(GENOTYPE_TXT), genotypeText);
    }
    report(progress(r, TrainerState.RUNNING));
  }

  /** The budget block of a report; null without training.maxDuration. */
  private BudgetStatus budget(double usedSeconds, boolean exhausted) {
    return BudgetStatus.report(maxDuration, usedSeconds, exhausted);
  }

  @Override
  public void onFinish(SearchResult result) {
    TrainerState state = result.preempted() ? TrainerState.PREEMPTED : TrainerState.SUCCEEDED;
    if (last != null) {
      TrainerProgress p = progress(last, state);
      if (result.budgetExhausted()) {
        // The genotype of the alphas where the budget ran out, which may be inside an epoch.
        p.setGenotype(result.genotype());
      }
      p.setBudget(budget(result.runSeconds(), result.budgetExhausted()));
      report(p);
    } else if (result.budgetExhausted()) {
      report(budgetOnlyReport(result));
    }
    if (result.preempted() || (last == null && !result.budgetExhausted())) {
      return;
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("name", result.name());
    summary.put("epochs", result.epochs());
    summary.put("genotype", result.genotype().getText());
    summary.put(
        "bestValidAccuracy", result.bestValidAccuracy() < 0 ? null : result.bestValidAccuracy());
    summary.put("bestEpoch", result.bestValidAccuracy() < 0 ? null : result.bestEpoch());
    summary.put("finalValidAccuracy", last == null ? null : last.validAccuracy());
    summary.put("seconds", Math.round(result.seconds() * 10) / 10.0);
    if (maxDuration != null) {
      summary.put("maxDuration", maxDuration);
      summary.put("runSeconds", Math.round(result.runSeconds() * 10) / 10.0);
      summary.put("budgetExhausted", result.budgetExhausted());
    }
    AtomicFiles.write(dir.resolve(SUMMARY_JSON), Json.write(summary));
  }

  /**
   * The final report of a run that finished no epoch because the budget was already used up: the
   * result, without an epoch's metrics.
   */
  private TrainerProgress budgetOnlyReport(SearchResult result) {
    TrainerProgress p = new TrainerProgress();
    p.setState(TrainerState.SUCCEEDED);
    p.setTimestamp(Instant.now().toString());
    p.setEpoch(result.epochs());
    p.setTotalEpochs(totalEpochs);
    p.setResumes(resumes);
    if (result.bestValidAccuracy() >= 0) {
      BestResult best = new BestResult();
      best.setValidAccuracy(result.bestValidAccuracy());
      best.setEpoch(result.bestEpoch());
      p.setBest(best);
    }
    p.setGenotype(result.genotype());
    p.setBudget(budget(result.runSeconds(), true));
    return p;
  }

  private TrainerProgress progress(EpochResult r, TrainerState state) {
    TrainerProgress p = new TrainerProgress();
    p.setState(state);
    p.setTimestamp(Instant.now().toString());
    p.setEpoch(r.epoch());
    p.setTotalEpochs(totalEpochs);
    p.setResumes(resumes);
    SearchMetrics metrics = new SearchMetrics();
    metrics.setTrainLoss(r.trainLoss());
    metrics.setTrainAccuracy(r.trainAccuracy());
    metrics.setValidLoss(r.validLoss());
    metrics.setValidAccuracy(r.validAccuracy());
    metrics.setSecondsPerEpoch(r.seconds());
    metrics.setImagesPerSecond(r.imagesPerSecond());
    p.setMetrics(metrics);
    BestResult best = new BestResult();
    best.setValidAccuracy(r.bestValidAccuracy());
    best.setEpoch(r.bestEpoch());
    p.setBest(best);
    AlphaWeights alphas = new AlphaWeights();
    alphas.setNormal(AlphaReport.rounded(r.normalWeights()));
    alphas.setReduce(AlphaReport.rounded(r.reduceWeights()));
    alphas.setNormalEntropy(AlphaReport.round(r.normalEntropy()));
    alphas.setReduceEntropy(AlphaReport.round(r.reduceEntropy()));
    p.setAlphas(alphas);
    p.setGenotype(r.genotype());
    p.setBudget(budget(r.runSeconds(), false));
    return p;
  }
}
