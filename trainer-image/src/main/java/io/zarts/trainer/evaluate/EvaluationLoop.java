package io.zarts.trainer.evaluate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.zarts.trainer.data.Batch;
import io.zarts.trainer.model.EvalNetwork;
import io.zarts.trainer.nn.Autograd;
import io.zarts.trainer.nn.Forward;
import io.zarts.trainer.nn.Losses;
import io.zarts.trainer.nn.StepScope;
import io.zarts.trainer.optim.Gradients;
import io.zarts.trainer.train.Checkpointer;
import io.zarts.trainer.train.LoopPosition;
import io.zarts.trainer.train.Scoring;
import io.zarts.trainer.train.StepProgress;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Retrains a genotype's network as DARTS does: per epoch the cosine learning rate and a drop-path
 * probability rising linearly, one pass over the training images (cross-entropy plus the weighted
 * auxiliary loss, clipping, SGD), then the test images in eval mode. Checkpoints, stops and fault
 * points go through the same {@link Checkpointer} as the search; LoopPosition's best-accuracy
 * fields are unused here.
 */
public final class EvaluationLoop {

  private static final int REPORTS_PER_EPOCH = 20;

  private final EvaluationSession session;
  private final EvaluationListener listener;
  private final Checkpointer checkpointer;
  private final BooleanSupplier stopRequested;

  public EvaluationLoop(
      EvaluationSession session,
      EvaluationListener listener,
      Checkpointer checkpointer,
      BooleanSupplier stopRequested) {
    this.session = session;
    this.listener = listener;
    this.checkpointer = checkpointer;
    this.stopRequested = stopRequested;
  }

  /** Runs from a position (a fresh start or a checkpoint) to the last epoch, or to a stop. */
  public EvaluationResult run(LoopPosition from) {
    int endEpoch = session.evaluation().getEpochs();
    int stepsPerEpoch = session.trainStream().batchesPerPass();
    long parameters = session.net().parameterCount();
    listener.onStart(
        new EvaluationPlan(
            session.name(),
            from.epoch(),
            endEpoch,
            stepsPerEpoch,
            parameters,
            session.data().train().size(),
            session.data().test().size(),
            session.manager().getDevice().toString(),
            from.resumes()));
    long start = System.nanoTime();
    EvaluationEpoch last = null;
    LoopPosition position = from;
    while (position.epoch() < endEpoch) {
      int epoch = position.epoch();
      long epochStart = System.nanoTime();
      Trained trained = train(position, stepsPerEpoch);
      position = trained.position();
      if (position.epoch() == epoch) {
        checkpointer.stopped(position);
        return finish(last, parameters, start, true);
      }
      double seconds = (System.nanoTime() - epochStart) / 1e9;
      Scoring.Score test = test();
      last =
          new EvaluationEpoch(
              epoch + 1,
              endEpoch,
              session.schedule().at(epoch),
              session.dropPathAt(epoch),
              trained.loss(),
              trained.accuracy(),
              test.loss(),
              test.accuracy(),
              seconds,
              trained.images() / seconds);
      listener.onEpoch(last);
      checkpointer.epochEnded(position, position.epoch() >= endEpoch);
      if (stopRequested.getAsBoolean() && position.epoch() < endEpoch) {
        checkpointer.stopped(position);
        return finish(last, parameters, start, true);
      }
    }
    return finish(last, parameters, start, false);
  }

  private EvaluationResult finish(
      EvaluationEpoch last, long parameters, long start, boolean preempted) {
    EvaluationResult result =
        new EvaluationResult(
            session.name(),
            session.genotype(),
            last,
            parameters,
            (System.nanoTime() - start) / 1e9,
            preempted);
    listener.onFinish(result);
    return result;
  }

  /** Where training stopped (the next epoch's start when it finished) and the epoch's metrics. */
  private record Trained(LoopPosition position, double loss, double accuracy, long images) {}

  /** Trains the rest of an epoch, or until a stop is requested. */
  private Trained train(LoopPosition from, int stepsPerEpoch) {
    long start = System.nanoTime();
    int epoch = from.epoch();
    double lr = session.schedule().at(epoch);
    double dropPath = session.dropPathAt(epoch);
    double auxiliaryWeight = session.evaluation().getAuxiliaryWeight();
    int reportEvery = Math.max(1, stepsPerEpoch / REPORTS_PER_EPOCH);
    long images = from.images();
    long globalStep = from.globalStep();
    EvalNetwork net = session.net();
    List<NDArray> weights = session.weights();
    NDManager base = session.manager();
    try (NDArray lossSum = base.create((float) from.lossSum());
        NDArray correctSum = base.create((float) from.correctSum())) {
      if (from.step() == 0) {
        session.trainStream().newPass();
      }
      for (int step = from.step(); step < stepsPerEpoch; step++) {
        try (StepScope scope = session.openScope()) {
          NDManager m = scope.manager();
          m.tempAttachAll(lossSum, correctSum);
          Batch batch = session.trainStream().next(m);
          Gradients.zero(weights);
          NDArray main;
          NDArray loss;
          try (Autograd autograd = Autograd.record()) {
            EvalNetwork.Logits logits =
                net.forward(batch.images(), dropPath, Forward.evaluation(true, session.dropPath()));
            main = logits.main();
            loss = Losses.crossEntropy(main, batch.labels());
            NDArray total =
                logits.auxiliary() == null
                    ? loss
                    : loss.add(
                        Losses.crossEntropy(logits.auxiliary(), batch.labels())
                            .mul(auxiliaryWeight));
            autograd.backward(total);
          }
          session
              .sgd()
              .step(
                  Gradients.clipGlobalNorm(
                      net.parameters().packedWeights(), EvaluationSession.GRAD_CLIP),
                  lr);
          lossSum.addi(loss.mul(batch.size()));
          correctSum.addi(Losses.correct(main, batch.labels()));
          images += batch.size();
        }
        globalStep++;
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
        if (stopRequested.getAsBoolean() && step + 1 < stepsPerEpoch) {
          LoopPosition stopped =
              new LoopPosition(
                  epoch,
                  step + 1,
                  globalStep,
                  lossSum.getFloat(),
                  correctSum.getFloat(),
                  images,
                  0,
                  -1,
                  0,
                  from.resumes(),
                  0);
          return new Trained(stopped, Double.NaN, Double.NaN, images);
        }
      }
      LoopPosition next =
          new LoopPosition(epoch + 1, 0, globalStep, 0, 0, 0, 0, -1, 0, from.resumes(), 0);
      return new Trained(next, lossSum.getFloat() / images, correctSum.getFloat() / images, images);
    }
  }

  /** Scores the network on every test image in eval mode. */
  public Scoring.Score test() {
    return Scoring.score(
        session.testStream(),
        session.manager(),
        session::openScope,
        images ->
            session.net().forward(images, 0, Forward.evaluation(false, session.dropPath())).main());
  }
}
