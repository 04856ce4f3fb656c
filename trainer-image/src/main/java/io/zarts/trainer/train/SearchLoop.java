package io.zarts.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.zarts.api.genotype.Genotype;
import io.zarts.api.v1alpha1.MaxDuration;
import io.zarts.api.v1alpha1.OptimizerSpec;
import io.zarts.api.v1alpha1.TrainingSpec;
import io.zarts.trainer.alpha.AlphaUpdate;
import io.zarts.trainer.alpha.Entropy;
import io.zarts.trainer.data.Batch;
import io.zarts.trainer.genotype.GenotypeDeriver;
import io.zarts.trainer.model.SearchModel;
import io.zarts.trainer.nn.Losses;
import io.zarts.trainer.nn.StepScope;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The bilevel search loop of DARTS and ZARTS (docs/algorithms.md §2): per epoch, at every step,
 * first an alpha update when it is due (after the warm-up, every optimizer.updateEvery steps), then
 * one SGD step on the weights with a training batch; at the end of the epoch an evaluation of the
 * validation half and the genotype. The loop stops early, after a checkpoint, when asked to or when
 * training.maxDuration is used up ({@link TimeBudget}).
 */
public final class SearchLoop {

  private static final int REPORTS_PER_EPOCH = 20;

  private final SearchSession session;
  private final SearchListener listener;
  private final Checkpointer checkpointer;
  private final BooleanSupplier stopRequested;
  private final LongSupplier clock;

  public SearchLoop(SearchSession session, SearchListener listener) {
    this(session, listener, Checkpointer.NONE, () -> false);
  }

  public SearchLoop(
      SearchSession session,
      SearchListener listener,
      Checkpointer checkpointer,
      BooleanSupplier stopRequested) {
    this(session, listener, checkpointer, stopRequested, System::nanoTime);
  }

  /** clock: nanoseconds, as System.nanoTime; what the time budget is measured with. */
  public SearchLoop(
      SearchSession session,
      SearchListener listener,
      Checkpointer checkpointer,
      BooleanSupplier stopRequested,
      LongSupplier clock) {
    this.session = session;
    this.listener = listener;
    this.checkpointer = checkpointer;
    this.stopRequested = stopRequested;
    this.clock = clock;
  }

  /** Runs epochs firstEpoch (0-based) up to training.epochs. */
  public SearchResult run(int firstEpoch) {
    return run(firstEpoch, session.spec().getTraining().getEpochs());
  }

  /** Runs epochs firstEpoch up to (excluding) endEpoch from a fresh position. */
  public SearchResult run(int firstEpoch, int endEpoch) {
    return run(LoopPosition.startingAt(firstEpoch), endEpoch);
  }

  /**
   * Runs from a position (a fresh start or a checkpoint) up to endEpoch, or until a stop is
   * requested or the time budget is used up.
   */
  public SearchResult run(LoopPosition from, int endEpoch) {
    TrainingSpec training = session.spec().getTraining();
    OptimizerSpec optimizer = session.spec().getOptimizer();
    int stepsPerEpoch = session.trainStream().batchesPerPass();
    TimeBudget budget =
        new TimeBudget(from.runSeconds(), MaxDuration.parse(training.getMaxDuration()), clock);
    listener.onStart(
        new SearchPlan(
            session.name(),
            from.epoch(),
            training.getEpochs(),
            stepsPerEpoch,
            optimizer.getWarmupEpochs(),
            session.model().net().parameters().weightCount(),
            session.manager().getDevice().toString(),
            session.devices(),
            from.resumes(),
            session.model().alphas().space(),
            training.getMaxDuration(),
            from.runSeconds()));
    long start = System.nanoTime();
    EpochResult last = null;
    LoopPosition position = from;
    while (position.epoch() < endEpoch) {
      if (budget.exhausted()) {
        // Used up before this epoch began (typically resumed with it spent): nothing to train.
        return stop(from, position, currentGenotype(), last, start, budget);
      }
      EpochOutcome outcome = runEpoch(position, stepsPerEpoch, budget);
      position = outcome.position();
      if (outcome.result() == null) {
        return stop(from, position, currentGenotype(), last, start, budget);
      }
      last = outcome.result();
      listener.onEpoch(last);
      checkpointer.epochEnded(position, position.epoch() >= endEpoch);
      if (position.epoch() < endEpoch && (budget.exhausted() || stopRequested.getAsBoolean())) {
        return stop(from, position, last.genotype(), last, start, budget);
      }
    }
    SearchResult result =
        new SearchResult(
            session.name(),
            last == null ? currentGenotype() : last.genotype(),
            last,
            position.bestAccuracy(),
            position.bestEpoch(),
            (System.nanoTime() - start) / 1e9,
            false,
            false,
            position.epoch(),
            budget.seconds());
    listener.onFinish(result);
    return result;
  }

  /**
   * Stopping early: checkpoint where the loop stands (unless nothing ran since the checkpoint it
   * resumed from) and report a preempted run, or one whose time budget ran out.
   */
  private SearchResult stop(
      LoopPosition from,
      LoopPosition position,
      Genotype genotype,
      EpochResult last,
      long startNanos,
      TimeBudget budget) {
    // Stopped by the budget if it is used up now (the clock only moves forward); else by request.
    boolean budgetExhausted = budget.exhausted();
    if (!position.equals(from)) {
      checkpointer.stopped(position);
    }
    SearchResult stopped =
        new SearchResult(
            session.name(),
            genotype,
            last,
            position.bestAccuracy(),
            position.bestEpoch(),
            (System.nanoTime() - startNanos) / 1e9,
            !budgetExhausted,
            budgetExhausted,
            position.epoch(),
            budget.seconds());
    listener.onFinish(stopped);
    return stopped;
  }

  /**
   * The position after the epoch (or where it stopped) and the epoch's result (null when stopped).
   */
  private record EpochOutcome(LoopPosition position, EpochResult result) {}

  private EpochOutcome runEpoch(LoopPosition from, int stepsPerEpoch, TimeBudget budget) {
    long start = System.nanoTime();
    int epoch = from.epoch();
    SearchModel model = session.model();
    TrainingSpec training = session.spec().getTraining();
    OptimizerSpec optimizer = session.spec().getOptimizer();
    double lr = session.schedule().at(epoch);
    boolean searching = epoch >= optimizer.getWarmupEpochs();
    int reportEvery = Math.max(1, stepsPerEpoch / REPORTS_PER_EPOCH);
    int alphaUpdates = from.alphaUpdates();
    long images = from.images();
    long globalStep = from.globalStep();
    NDManager base = session.manager();
    try (NDArray lossSum = base.create((float) from.lossSum());
        NDArray correctSum = base.create((float) from.correctSum())) {
      if (from.step() == 0) {
        session.trainStream().newPass();
      }
      for (int step = from.step(); step < stepsPerEpoch; step++) {
        long stepStart = System.nanoTime();
        try (StepScope scope = session.openScope()) {
          NDManager m = scope.manager();
          m.tempAttachAll(lossSum, correctSum);
          if (searching && step % optimizer.getUpdateEvery() == 0) {
            AlphaUpdate update = session.strategy().update(session.alphaUpdateContext(m, epoch));
            alphaUpdates++;
            listener.onAlphaUpdate(epoch, step, update);
          }
          Batch batch = session.trainStream().next(m);
          WeightStep.Output out =
              WeightStep.run(model, session.sgd(), batch, lr, training.getGradClip());
          lossSum.addi(out.loss().mul(batch.size()));
          correctSum.addi(Losses.correct(out.logits(), batch.labels()));
          images += batch.size();
        }
        globalStep++;
        listener.onWeightStep(globalStep, (System.nanoTime() - stepStart) / 1e9);
        checkpointer.stepDone(globalStep);
        if ((step + 1) % reportEvery == 0 || step + 1 == stepsPerEpoch) {
          listener.onStep(
              new StepProgress(
                  epoch,
                  step + 1,
                  stepsPerEpoch,
                  lossSum.getFloat() / images,
                  correctSum.getFloat() / images,
                  (System.nanoTime() - start) / 1e9));
        }
        if (step + 1 < stepsPerEpoch && (budget.exhausted() || stopRequested.getAsBoolean())) {
          return new EpochOutcome(
              new LoopPosition(
                  epoch,
                  step + 1,
                  globalStep,
                  lossSum.getFloat(),
                  correctSum.getFloat(),
                  images,
                  alphaUpdates,
                  from.bestAccuracy(),
                  from.bestEpoch(),
                  from.resumes(),
                  budget.seconds()),
              null);
        }
      }
      double trainSeconds = (System.nanoTime() - start) / 1e9;
      double trainLoss = lossSum.getFloat() / images;
      double trainAccuracy = correctSum.getFloat() / images;
      double[] valid = evaluate();
      double[][] normal = model.alphas().normalWeights();
      double[][] reduce = model.alphas().reduceWeights();
      Genotype genotype = GenotypeDeriver.derive(model.alphas().space(), normal, reduce);
      boolean better = valid[1] > from.bestAccuracy();
      LoopPosition next =
          new LoopPosition(
              epoch + 1,
              0,
              globalStep,
              0,
              0,
              0,
              0,
              better ? valid[1] : from.bestAccuracy(),
              better ? epoch + 1 : from.bestEpoch(),
              from.resumes(),
              budget.seconds());
      EpochResult result =
          new EpochResult(
              epoch + 1,
              training.getEpochs(),
              lr,
              trainLoss,
              trainAccuracy,
              valid[0],
              valid[1],
              (System.nanoTime() - start) / 1e9,
              images / trainSeconds,
              normal,
              reduce,
              Entropy.mean(normal),
              Entropy.mean(reduce),
              alphaUpdates,
              genotype,
              next.bestAccuracy(),
              next.bestEpoch(),
              next.runSeconds());
      return new EpochOutcome(next, result);
    }
  }

  /**
   * Loss and accuracy on the whole validation half, in eval mode (running batch-norm statistics).
   */
  private double[] evaluate() {
    Scoring.Score score =
        Scoring.score(
            session.evalStream(),
            session.manager(),
            session::openScope,
            images -> session.model().logits(images, false));
    return new double[] {score.loss(), score.accuracy()};
  }

  private Genotype currentGenotype() {
    SearchModel model = session.model();
    return GenotypeDeriver.derive(
        model.alphas().space(), model.alphas().normalWeights(), model.alphas().reduceWeights());
  }
}
