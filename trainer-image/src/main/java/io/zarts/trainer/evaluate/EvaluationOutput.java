package io.zarts.trainer.evaluate;

import io.zarts.api.genotype.Genotype;
import io.zarts.api.progress.TrainerProgress;
import io.zarts.api.progress.TrainerState;
import io.zarts.api.v1alpha1.EvaluationStatus;
import io.zarts.trainer.output.AtomicFiles;
import io.zarts.trainer.output.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The evaluation stage's progress reports: progress.json in the evaluation folder, replaced
 * atomically at start, after every epoch and at the end, and the same report to a consumer (in a
 * pod, the ConfigMap key {@link TrainerProgress#EVALUATION_KEY}). The report carries the stage in
 * its {@code evaluation} block, the shape of {@code status.evaluation}, and the genotype it
 * evaluates, so that a reader can tell it from the report of an earlier genotype.
 */
public final class EvaluationOutput implements EvaluationListener {

  private final Path dir;
  private final Genotype genotype;
  private final Consumer<TrainerProgress> reports;
  private final EvaluationStatus current = new EvaluationStatus();
  private int resumes;

  public EvaluationOutput(Path dir, Genotype genotype, Consumer<TrainerProgress> reports) {
    this.dir = dir;
    this.genotype = genotype;
    this.reports = reports;
  }

  @Override
  public void onStart(EvaluationPlan plan) {
    resumes = plan.resumes();
    current.setPhase("Running");
    current.setEpoch(plan.firstEpoch());
    current.setEpochs(plan.totalEpochs());
    current.setParameters(plan.parameters());
    report(plan.resumes() > 0 ? TrainerState.RESUMED : TrainerState.STARTING, null);
  }

  @Override
  public void onEpoch(EvaluationEpoch epoch) {
    current.setEpoch(epoch.epoch());
    current.setTrainLoss(epoch.trainLoss());
    current.setTrainAccuracy(epoch.trainAccuracy());
    current.setTestAccuracy(epoch.testAccuracy());
    report(TrainerState.RUNNING, null);
  }

  @Override
  public void onFinish(EvaluationResult result) {
    if (result.preempted()) {
      report(TrainerState.PREEMPTED, "stopped after a checkpoint; a new trainer resumes");
    }
  }

  /** The final report, once the model is exported: the result and where the model is. */
  public void succeeded(double testAccuracy, Path modelDir) {
    current.setPhase("Succeeded");
    current.setEpoch(current.getEpochs());
    current.setTestAccuracy(testAccuracy);
    current.setModelPath(modelDir.toString());
    current.setCompletionTime(Instant.now().toString());
    report(TrainerState.SUCCEEDED, null);
  }

  private void report(TrainerState state, String message) {
    TrainerProgress p = new TrainerProgress();
    p.setState(state);
    p.setTimestamp(Instant.now().toString());
    p.setEpoch(current.getEpoch());
    p.setTotalEpochs(current.getEpochs());
    p.setResumes(resumes);
    p.setGenotype(genotype);
    p.setEvaluation(Json.MAPPER.convertValue(current, EvaluationStatus.class));
    p.setMessage(message);
    AtomicFiles.write(dir.resolve(TrainerProgress.FILE_NAME), p.toJson());
    reports.accept(p);
  }
}
