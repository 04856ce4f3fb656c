package io.zarts.trainer.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.zarts.trainer.alpha.AlphaUpdate;
import io.zarts.trainer.alpha.WorkerShare;
import io.zarts.trainer.evaluate.EvaluationEpoch;
import io.zarts.trainer.evaluate.EvaluationListener;
import io.zarts.trainer.evaluate.EvaluationPlan;
import io.zarts.trainer.run.PeriodicCheckpointer;
import io.zarts.trainer.train.EpochResult;
import io.zarts.trainer.train.SearchListener;
import io.zarts.trainer.train.SearchPlan;
import io.zarts.trainer.train.StepProgress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The trainer's Prometheus metrics (prefix zarts_trainer_, base units, _total on counters). The
 * only labels are the constant search and namespace tags, a cell label with two values, and on
 * zarts_trainer_alpha the edge and operation the search space defines, and on the per-device
 * counters the candidate workers' devices (at most one per GPU or worker): nothing grows with
 * epochs or steps.
 */
public final class TrainerMetrics implements SearchListener, Consumer<PeriodicCheckpointer.Saved> {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Values values = new Values();
  private final Counter steps;
  private final Counter alphaUpdates;
  private final Counter checkpoints;
  private final Timer stepDuration;
  private final Timer alphaUpdateDuration;
  private final Timer candidateEvaluationDuration;
  private final Timer checkpointDuration;
  private final DistributionSummary checkpointBytes;

  /** Registered when the search starts: only then is the search space known. */
  private volatile AlphaWeightGauges alphaWeights;

  /** Mutable values behind the gauges (gauges hold only weak references, so keep them here). */
  static final class Values {
    final AtomicLong epoch = new AtomicLong();
    final AtomicLong totalEpochs = new AtomicLong();
    final AtomicLong resumes = new AtomicLong();
    volatile double trainLoss = Double.NaN;
    volatile double trainAccuracy = Double.NaN;
    volatile double validLoss = Double.NaN;
    volatile double validAccuracy = Double.NaN;
    volatile double bestValidAccuracy = Double.NaN;
    volatile double normalEntropy = Double.NaN;
    volatile double reduceEntropy = Double.NaN;
    volatile double imagesPerSecond = Double.NaN;
    volatile double lastCheckpoint = Double.NaN;
    final AtomicLong evaluationEpoch = new AtomicLong();
    final AtomicLong evaluationEpochs = new AtomicLong();
    volatile double evaluationTrainLoss = Double.NaN;
    volatile double evaluationTrainAccuracy = Double.NaN;
    volatile double evaluationTestAccuracy = Double.NaN;
    volatile double evaluationParameters = Double.NaN;
  }

  public TrainerMetrics(String search, String namespace) {
    registry.config().commonTags(Tags.of("search", search, "namespace", namespace));
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    Gauge.builder("zarts.trainer.build.info", () -> 1)
        .tag("version", version())
        .description("Trainer build; always 1")
        .register(registry);
    Gauge.builder("zarts.trainer.epoch", values.epoch, AtomicLong::get)
        .description("Finished epochs")
        .register(registry);
    Gauge.builder("zarts.trainer.epochs", values.totalEpochs, AtomicLong::get)
        .description("Epochs the search runs to")
        .register(registry);
    Gauge.builder(
            "zarts.trainer.progress.ratio",
            values,
            v -> v.totalEpochs.get() == 0 ? 0 : (double) v.epoch.get() / v.totalEpochs.get())
        .description("Finished epochs / epochs")
        .register(registry);
    Gauge.builder("zarts.trainer.train.loss", values, v -> v.trainLoss)
        .description("Mean training cross-entropy of the last epoch")
        .register(registry);
    Gauge.builder("zarts.trainer.train.accuracy.ratio", values, v -> v.trainAccuracy)
        .description("Training accuracy of the last epoch")
        .register(registry);
    Gauge.builder("zarts.trainer.validation.loss", values, v -> v.validLoss)
        .description("Validation cross-entropy of the last epoch")
        .register(registry);
    Gauge.builder("zarts.trainer.validation.accuracy.ratio", values, v -> v.validAccuracy)
        .description("Validation accuracy of the last epoch")
        .register(registry);
    Gauge.builder("zarts.trainer.best.validation.accuracy.ratio", values, v -> v.bestValidAccuracy)
        .description("Best validation accuracy so far")
        .register(registry);
    Gauge.builder("zarts.trainer.alpha.entropy.nats", values, v -> v.normalEntropy)
        .tag("cell", "normal")
        .description("Mean entropy of the edges' operation weights")
        .register(registry);
    Gauge.builder("zarts.trainer.alpha.entropy.nats", values, v -> v.reduceEntropy)
        .tag("cell", "reduce")
        .description("Mean entropy of the edges' operation weights")
        .register(registry);
    Gauge.builder("zarts.trainer.images.per.second", values, v -> v.imagesPerSecond)
        .description("Training throughput of the last epoch")
        .register(registry);
    Gauge.builder("zarts.trainer.last.checkpoint.timestamp.seconds", values, v -> v.lastCheckpoint)
        .description("Unix time of the newest committed checkpoint")
        .register(registry);
    Gauge.builder("zarts.trainer.resumes", values.resumes, AtomicLong::get)
        .description("Times this search has resumed from a checkpoint")
        .register(registry);
    Gauge.builder("zarts.trainer.evaluation.epoch", values.evaluationEpoch, AtomicLong::get)
        .description("Finished epochs of the evaluation stage")
        .register(registry);
    Gauge.builder("zarts.trainer.evaluation.epochs", values.evaluationEpochs, AtomicLong::get)
        .description("Epochs the evaluation stage trains")
        .register(registry);
    Gauge.builder("zarts.trainer.evaluation.train.loss", values, v -> v.evaluationTrainLoss)
        .description("Training cross-entropy of the evaluation network's last epoch")
        .register(registry);
    Gauge.builder(
            "zarts.trainer.evaluation.train.accuracy.ratio", values, v -> v.evaluationTrainAccuracy)
        .description("Training accuracy of the evaluation network's last epoch")
        .register(registry);
    Gauge.builder(
            "zarts.trainer.evaluation.test.accuracy.ratio", values, v -> v.evaluationTestAccuracy)
        .description("Test accuracy of the evaluation network after its last epoch")
        .register(registry);
    Gauge.builder("zarts.trainer.evaluation.parameters", values, v -> v.evaluationParameters)
        .description("Parameters of the evaluation network, the auxiliary head excluded")
        .register(registry);
    steps = Counter.builder("zarts.trainer.steps").description("Weight steps").register(registry);
    alphaUpdates =
        Counter.builder("zarts.trainer.alpha.updates")
            .description("Alpha updates")
            .register(registry);
    checkpoints =
        Counter.builder("zarts.trainer.checkpoints")
            .description("Committed checkpoints")
            .register(registry);
    // A dozen explicit buckets per histogram rather than Micrometer's ~70 percentile buckets.
    stepDuration =
        Timer.builder("zarts.trainer.step.duration")
            .description("Weight step time")
            .serviceLevelObjectives(
                seconds(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60))
            .register(registry);
    alphaUpdateDuration =
        Timer.builder("zarts.trainer.alpha.update.duration")
            .description("Alpha update time, candidate evaluation included")
            .serviceLevelObjectives(seconds(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900))
            .register(registry);
    candidateEvaluationDuration =
        Timer.builder("zarts.trainer.candidate.evaluation.duration")
            .description("Time one alpha update spends training and scoring its candidates")
            .serviceLevelObjectives(seconds(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900))
            .register(registry);
    checkpointDuration =
        Timer.builder("zarts.trainer.checkpoint.duration")
            .description("Checkpoint write time")
            .serviceLevelObjectives(seconds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300))
            .register(registry);
    checkpointBytes =
        DistributionSummary.builder("zarts.trainer.checkpoint.size")
            .baseUnit("bytes")
            .description("Checkpoint size")
            .register(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The exposition text, as /metrics serves it. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void onStart(SearchPlan plan) {
    values.epoch.set(plan.firstEpoch());
    values.totalEpochs.set(plan.totalEpochs());
    values.resumes.set(plan.resumes());
    // Registered up front so that every worker shows, at zero, before its first candidate.
    plan.devices().names().forEach(this::deviceCounters);
    if (alphaWeights == null) {
      alphaWeights = new AlphaWeightGauges(registry, plan.space());
    }
  }

  @Override
  public void onWeightStep(long globalStep, double seconds) {
    steps.increment();
    stepDuration.record(Duration.ofNanos((long) (seconds * 1e9)));
  }

  @Override
  public void onAlphaUpdate(int epoch, int step, AlphaUpdate update) {
    alphaUpdates.increment();
    alphaUpdateDuration.record(Duration.ofNanos((long) (update.seconds() * 1e9)));
    if (update.candidateSeconds() > 0) {
      candidateEvaluationDuration.record(
          Duration.ofNanos((long) (update.candidateSeconds() * 1e9)));
    }
    values.normalEntropy = update.normalEntropy();
    values.reduceEntropy = update.reduceEntropy();
    for (WorkerShare share : update.workerShares()) {
      DeviceCounters device = deviceCounters(share.device());
      device.candidates().increment(share.candidates());
      device.seconds().increment(share.seconds());
    }
  }

  /** A candidate worker's counters: candidates evaluated and seconds spent on them. */
  private record DeviceCounters(Counter candidates, Counter seconds) {}

  private DeviceCounters deviceCounters(String device) {
    return new DeviceCounters(
        Counter.builder("zarts.trainer.device.candidates")
            .tag("device", device)
            .description("Candidates this worker's device trained and scored")
            .register(registry),
        Counter.builder("zarts.trainer.device.candidate.evaluation")
            .tag("device", device)
            .baseUnit("seconds")
            .description("Seconds this worker's device spent training and scoring candidates")
            .register(registry));
  }

  @Override
  public void onEpoch(EpochResult r) {
    values.epoch.set(r.epoch());
    values.trainLoss = r.trainLoss();
    values.trainAccuracy = r.trainAccuracy();
    values.validLoss = r.validLoss();
    values.validAccuracy = r.validAccuracy();
    values.bestValidAccuracy = r.bestValidAccuracy();
    values.normalEntropy = r.normalEntropy();
    values.reduceEntropy = r.reduceEntropy();
    values.imagesPerSecond = r.imagesPerSecond();
    if (alphaWeights != null) {
      alphaWeights.update(r.normalWeights(), r.reduceWeights());
    }
  }

  /** The evaluation stage's metrics (zarts_trainer_evaluation_*), fed by its loop. */
  public EvaluationListener evaluation() {
    return new EvaluationListener() {
      @Override
      public void onStart(EvaluationPlan plan) {
        values.evaluationEpoch.set(plan.firstEpoch());
        values.evaluationEpochs.set(plan.totalEpochs());
        values.evaluationParameters = plan.parameters();
      }

      /** The evaluation network's steps count as weight steps: the no-progress alert sees them. */
      @Override
      public void onStep(StepProgress progress) {
        steps.increment();
      }

      @Override
      public void onEpoch(EvaluationEpoch epoch) {
        values.evaluationEpoch.set(epoch.epoch());
        values.evaluationTrainLoss = epoch.trainLoss();
        values.evaluationTrainAccuracy = epoch.trainAccuracy();
        values.evaluationTestAccuracy = epoch.testAccuracy();
      }
    };
  }

  @Override
  public void accept(PeriodicCheckpointer.Saved saved) {
    checkpoints.increment();
    checkpointDuration.record(Duration.ofNanos((long) (saved.seconds() * 1e9)));
    if (saved.bytes() >= 0) {
      checkpointBytes.record(saved.bytes());
    }
    values.lastCheckpoint = System.currentTimeMillis() / 1000.0;
  }

  private static Duration[] seconds(double... values) {
    Duration[] out = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Duration.ofNanos((long) (values[i] * 1e9));
    }
    return out;
  }

  private static String version() {
    String v = TrainerMetrics.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
