package io.zarts.trainer.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.zarts.api.genotype.Genotype;
import io.zarts.api.v1alpha1.OptimizerSpec;
import io.zarts.api.v1alpha1.TrainingSpec;
import io.zarts.trainer.alpha.AlphaUpdate;
import io.zarts.trainer.alpha.AlphaUpdateContext;
import io.zarts.trainer.alpha.Entropy;
import io.zarts.trainer.data.Batch;
import io.zarts.trainer.data.BatchStream;
import io.zarts.trainer.genotype.GenotypeDeriver;
import io.zarts.trainer.model.SearchModel;
import java.util.List;

/**
 * The bilevel search loop of DARTS and ZARTS (zarts-spec.md §1.2, §2): per epoch, at every step, first an alpha
 * update when it is due (after the warm-up, every optimizer.updateEvery steps), then one SGD step on the weights
 * with a training batch; at the end of the epoch an evaluation of the validation half and the genotype.
 */
public final class SearchLoop {

  private static final int REPORTS_PER_EPOCH = 20;

  private final SearchSession session;
  private final SearchListener listener;

  public SearchLoop(SearchSession session, SearchListener listener) {
    this.session = session;
    this.listener = listener;
  }

  /** Runs epochs firstEpoch (0-based) up to training.epochs. */
  public SearchResult run(int firstEpoch) {
    return run(firstEpoch, session.spec().getTraining().getEpochs());
  }

  /** Runs epochs firstEpoch up to (excluding) endEpoch. */
  public SearchResult run(int firstEpoch, int endEpoch) {
    TrainingSpec training = session.spec().getTraining();
    OptimizerSpec optimizer = session.spec().getOptimizer();
    int stepsPerEpoch = session.trainStream().batchesPerPass();
    listener.onStart(new SearchPlan(session.name(), firstEpoch, training.getEpochs(), stepsPerEpoch,
        optimizer.getWarmupEpochs(), session.model().net().parameters().weightCount(),
        session.manager().getDevice().toString()));
    long start = System.nanoTime();
    EpochResult last = null;
    double best = Double.NEGATIVE_INFINITY;
    int bestEpoch = 0;
    for (int epoch = firstEpoch; epoch < endEpoch; epoch++) {
      last = runEpoch(epoch, stepsPerEpoch);
      if (last.validAccuracy() > best) {
        best = last.validAccuracy();
        bestEpoch = last.epoch();
      }
      listener.onEpoch(last);
    }
    SearchResult result = new SearchResult(session.name(), last == null ? currentGenotype() : last.genotype(),
        last, best, bestEpoch, (System.nanoTime() - start) / 1e9);
    listener.onFinish(result);
    return result;
  }

  private EpochResult runEpoch(int epoch, int stepsPerEpoch) {
    long start = System.nanoTime();
    SearchModel model = session.model();
    TrainingSpec training = session.spec().getTraining();
    OptimizerSpec optimizer = session.spec().getOptimizer();
    double lr = session.schedule().at(epoch);
    boolean searching = epoch >= optimizer.getWarmupEpochs();
    List<NDArray> weights = model.weights();
    int reportEvery = Math.max(1, stepsPerEpoch / REPORTS_PER_EPOCH);
    int alphaUpdates = 0;
    long images = 0;
    NDManager base = session.manager();
    try (NDArray lossSum = base.zeros(new ai.djl.ndarray.types.Shape());
        NDArray correctSum = base.zeros(new ai.djl.ndarray.types.Shape())) {
      session.trainStream().newPass();
      for (int step = 0; step < stepsPerEpoch; step++) {
        try (StepScope scope = session.openScope()) {
          NDManager m = scope.manager();
          m.tempAttachAll(lossSum, correctSum);
          if (searching && step % optimizer.getUpdateEvery() == 0) {
            AlphaUpdate update = session.strategy().update(new AlphaUpdateContext(model, m,
                session.longLived(), session.validStream(), session.innerStream(), epoch));
            alphaUpdates++;
            listener.onAlphaUpdate(epoch, step, update);
          }
          Batch batch = session.trainStream().next(m);
          Gradients.zero(weights);
          NDArray logits;
          NDArray loss;
          try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            logits = model.logits(batch.images(), true);
            loss = SearchModel.crossEntropy(logits, batch.labels());
            collector.backward(loss);
          }
          Gradients.clipGlobalNorm(weights, training.getGradClip());
          session.sgd().step(lr);
          lossSum.addi(loss.mul(batch.size()));
          correctSum.addi(SearchModel.correct(logits, batch.labels()));
          images += batch.size();
        }
        if ((step + 1) % reportEvery == 0 || step + 1 == stepsPerEpoch) {
          listener.onStep(new StepProgress(epoch, step + 1, stepsPerEpoch, lossSum.getFloat() / images,
              correctSum.getFloat() / images, (System.nanoTime() - start) / 1e9));
        }
      }
      double trainSeconds = (System.nanoTime() - start) / 1e9;
      double trainLoss = lossSum.getFloat() / images;
      double trainAccuracy = correctSum.getFloat() / images;
      double[] valid = evaluate();
      double[][] normal = model.alphas().normalWeights();
      double[][] reduce = model.alphas().reduceWeights();
      Genotype genotype = GenotypeDeriver.derive(model.alphas().space(), normal, reduce);
      return new EpochResult(epoch + 1, training.getEpochs(), lr, trainLoss, trainAccuracy, valid[0], valid[1],
          (System.nanoTime() - start) / 1e9, images / trainSeconds, normal, reduce, Entropy.mean(normal),
          Entropy.mean(reduce), alphaUpdates, genotype);
    }
  }

  /** Loss and accuracy on the whole validation half, in eval mode (running batch-norm statistics). */
  private double[] evaluate() {
    BatchStream eval = session.evalStream();
    eval.newPass();
    double loss = 0;
    double correct = 0;
    long count = 0;
    for (int i = 0; i < eval.batchesPerPass(); i++) {
      try (StepScope scope = session.openScope()) {
        Batch batch = eval.next(scope.manager());
        NDArray logits = session.model().logits(batch.images(), false);
        loss += SearchModel.crossEntropy(logits, batch.labels()).getFloat() * batch.size();
        correct += SearchModel.correct(logits, batch.labels()).getFloat();
        count += batch.size();
      }
    }
    return new double[] {loss / count, correct / count};
  }

  private Genotype currentGenotype() {
    SearchModel model = session.model();
    return GenotypeDeriver.derive(model.alphas().space(), model.alphas().normalWeights(),
        model.alphas().reduceWeights());
  }
}
