package io.zarts.trainer.alpha;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.zarts.api.v1alpha1.InnerOptimizerSpec;
import io.zarts.trainer.data.Batch;
import io.zarts.trainer.model.SearchModel;
import io.zarts.trainer.nn.PackedArrays;
import io.zarts.trainer.nn.StepScope;
import io.zarts.trainer.optim.Gradients;
import io.zarts.trainer.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The candidate-evaluation engine on the supernet, for one alpha update. It snapshots the weights
 * and batch-norm running statistics, and for each candidate u: restores them in place, sets the
 * alphas to A + u, trains the weights for M inner steps with a fresh SGD of its own on the same M
 * batches, and scores the candidate on the same validation batches as L0. At the end weights,
 * statistics and alphas are restored exactly: the main weight optimizer is never touched (the
 * released code's bug D1 was stepping it). With reference parity the inner steps are skipped, which
 * is what the released code effectively computes. With a {@link StackedCandidates} engine the
 * candidates of one call are evaluated together instead (optimizer.candidateBatching).
 */
public final class SupernetObjective implements AlphaObjective {

  private final SearchModel model;
  private final NDManager scope;
  private final List<NDArray> attached = new ArrayList<>();
  private final List<NDArray> weights;
  private final NDArray weightSnapshot;
  private final NDArray bufferSnapshot;
  private final float[] normalAlphas;
  private final float[] reduceAlphas;
  private final List<Batch> scoringBatches;
  private final List<Batch> innerBatches;
  private final InnerOptimizerSpec inner;
  private final boolean scoreInTrainMode;
  private final Consumer<CandidateTrace> trace;
  private final StackedCandidates stacked;
  private Double loss0;
  private double[] gradient;
  private int candidates;
  private long candidateNanos;

  /**
   * @param scope the update's scope; snapshots and batches live there
   * @param longLived the arrays every nested scope must hold (model, optimizers)
   * @param innerBatches the M batches every candidate trains on (empty: score at the current
   *     weights)
   */
  public SupernetObjective(
      SearchModel model,
      NDManager scope,
      List<NDArray> longLived,
      List<Batch> scoringBatches,
      List<Batch> innerBatches,
      InnerOptimizerSpec inner,
      boolean scoreInTrainMode,
      Consumer<CandidateTrace> trace) {
    this(
        model,
        scope,
        longLived,
        scoringBatches,
        innerBatches,
        inner,
        scoreInTrainMode,
        trace,
        null);
  }

  /**
   * @param stacked the batched engine, or null to evaluate candidates one after another
   */
  SupernetObjective(
      SearchModel model,
      NDManager scope,
      List<NDArray> longLived,
      List<Batch> scoringBatches,
      List<Batch> innerBatches,
      InnerOptimizerSpec inner,
      boolean scoreInTrainMode,
      Consumer<CandidateTrace> trace,
      StackedCandidates stacked) {
    this.model = model;
    this.stacked = stacked;
    this.scope = scope;
    this.weights = model.weights();
    this.scoringBatches = List.copyOf(scoringBatches);
    this.innerBatches = List.copyOf(innerBatches);
    this.inner = inner;
    this.scoreInTrainMode = scoreInTrainMode;
    this.trace = trace;
    this.weightSnapshot = model.packedWeights().snapshot(scope);
    this.bufferSnapshot = model.net().parameters().packedBuffers().snapshot(scope);
    this.normalAlphas = model.alphas().normal().toFloatArray();
    this.reduceAlphas = model.alphas().reduce().toFloatArray();
    attached.addAll(longLived);
    attached.add(weightSnapshot);
    attached.add(bufferSnapshot);
    scoringBatches.forEach(b -> attached.addAll(List.of(b.images(), b.labels())));
    innerBatches.forEach(b -> attached.addAll(List.of(b.images(), b.labels())));
  }

  @Override
  public int[] blocks() {
    return new int[] {normalAlphas.length, reduceAlphas.length};
  }

  @Override
  public boolean trainsCandidates() {
    return !innerBatches.isEmpty();
  }

  @Override
  public double baseLoss() {
    if (loss0 == null) {
      loss0 = score();
      restoreNetwork();
    }
    return loss0;
  }

  @Override
  public double[] gradient() {
    if (gradient == null) {
      List<NDArray> alphas = model.alphas().both();
      try (StepScope s = StepScope.open(scope, attached)) {
        Gradients.zero(alphas);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          NDArray total = null;
          for (Batch b : scoringBatches) {
            NDArray loss =
                SearchModel.crossEntropy(model.logits(b.images(), scoreInTrainMode), b.labels());
            total = total == null ? loss : total.add(loss);
          }
          NDArray mean = total.div(scoringBatches.size());
          collector.backward(mean);
          loss0 = (double) mean.getFloat();
        }
        float[] gn = alphas.get(0).getGradient().toFloatArray();
        float[] gr = alphas.get(1).getGradient().toFloatArray();
        gradient = new double[gn.length + gr.length];
        for (int i = 0; i < gn.length; i++) {
          gradient[i] = gn[i];
        }
        for (int i = 0; i < gr.length; i++) {
          gradient[gn.length + i] = gr[i];
        }
        Gradients.zero(alphas);
      }
      restoreNetwork();
    }
    return gradient.clone();
  }

  @Override
  public double[] losses(List<double[]> perturbations) {
    long start = System.nanoTime();
    double[] out =
        stacked != null && perturbations.size() > 1
            ? stacked.losses(
                normalAlphas,
                reduceAlphas,
                perturbations,
                innerBatches,
                scoringBatches,
                inner,
                scoreInTrainMode,
                scope,
                attached)
            : oneAfterAnother(perturbations);
    candidateNanos += System.nanoTime() - start;
    for (double loss : out) {
      if (trace != null) {
        trace.accept(new CandidateTrace(candidates, innerBatches, scoringBatches, loss));
      }
      candidates++;
    }
    return out;
  }

  /**
   * Each candidate from the snapshot: alphas set, inner steps, score; network and alphas restored
   * at the end.
   */
  private double[] oneAfterAnother(List<double[]> perturbations) {
    double[] out = new double[perturbations.size()];
    try {
      for (int i = 0; i < perturbations.size(); i++) {
        restoreNetwork();
        model.alphas().set(normalAlphas, reduceAlphas, perturbations.get(i));
        trainInner();
        out[i] = score();
      }
    } finally {
      restoreNetwork();
      model.alphas().set(normalAlphas, reduceAlphas, null);
    }
    return out;
  }

  /** Seconds spent training and scoring candidates so far. */
  public double candidateSeconds() {
    return candidateNanos / 1e9;
  }

  private void trainInner() {
    if (innerBatches.isEmpty()) {
      return;
    }
    try (StepScope candidate = StepScope.open(scope, attached)) {
      PackedArrays packed = model.packedWeights();
      Sgd sgd = new Sgd(packed, candidate.manager(), inner.getMomentum(), inner.getWeightDecay());
      List<NDArray> withOptimizer = new ArrayList<>(attached);
      withOptimizer.addAll(sgd.longLived());
      for (Batch batch : innerBatches) {
        try (StepScope step = StepScope.open(candidate.manager(), withOptimizer)) {
          Gradients.zero(weights);
          try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(model.loss(batch, true));
          }
          sgd.step(Gradients.clipGlobalNorm(packed, inner.getGradClip()), inner.getLearningRate());
        }
      }
    }
  }

  /** Mean loss over the scoring batches, without gradients. */
  private double score() {
    try (StepScope s = StepScope.open(scope, attached)) {
      double total = 0;
      for (Batch b : scoringBatches) {
        total +=
            SearchModel.crossEntropy(model.logits(b.images(), scoreInTrainMode), b.labels())
                .getFloat();
      }
      return total / scoringBatches.size();
    }
  }

  private void restoreNetwork() {
    model.packedWeights().restore(weightSnapshot);
    model.net().parameters().packedBuffers().restore(bufferSnapshot);
  }

  /** What one candidate saw, for tests of common random numbers. */
  public record CandidateTrace(
      int candidate, List<Batch> innerBatches, List<Batch> scoringBatches, double loss) {}
}
