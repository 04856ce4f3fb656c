package io.zarts.trainer.alpha;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.zarts.api.v1alpha1.InnerOptimizerSpec;
import io.zarts.trainer.data.Batch;
import io.zarts.trainer.model.SearchModel;
import io.zarts.trainer.nn.Autograd;
import io.zarts.trainer.nn.Losses;
import io.zarts.trainer.nn.PackedArrays;
import io.zarts.trainer.nn.StepScope;
import io.zarts.trainer.optim.Gradients;
import io.zarts.trainer.optim.Sgd;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates candidates on one model (the search's own, or a worker's replica of it) for one alpha
 * update. It snapshots the weights and batch-norm running statistics, and for each candidate u:
 * restores them in place, sets the alphas to A + u, trains the weights for M inner steps with a
 * fresh SGD of its own on the same M batches, and scores the candidate on the same validation
 * batches. At the end weights, statistics and alphas are restored exactly: the main weight
 * optimizer is never touched (the released code's bug D1 was stepping it). With a {@link
 * StackedCandidates} engine the candidates of one call are evaluated together instead. Everything
 * it makes lives on the scope it is given; it runs on one thread at a time.
 */
final class CandidateEvaluator {

  /** What every evaluator of one update shares: the data, the base alphas and the settings. */
  record Work(
      float[] normalAlphas,
      float[] reduceAlphas,
      List<Batch> scoringBatches,
      List<Batch> innerBatches,
      InnerOptimizerSpec inner,
      boolean scoreInTrainMode) {

    /** The work of an update at the model's current alphas. */
    static Work of(
        SearchModel model,
        List<Batch> scoring,
        List<Batch> inner,
        InnerOptimizerSpec optimizer,
        boolean scoreInTrainMode) {
      return new Work(
          model.alphas().normal().toFloatArray(),
          model.alphas().reduce().toFloatArray(),
          List.copyOf(scoring),
          List.copyOf(inner),
          optimizer,
          scoreInTrainMode);
    }

    /** The same work on other batches (a worker's copies on its own device). */
    Work on(List<Batch> scoring, List<Batch> innerBatches) {
      return new Work(normalAlphas, reduceAlphas, scoring, innerBatches, inner, scoreInTrainMode);
    }
  }

  private final SearchModel model;
  private final NDManager scope;
  private final Work work;
  private final StackedCandidates stacked;
  private final List<NDArray> weights;
  private final List<NDArray> attached = new ArrayList<>();
  private final NDArray weightSnapshot;
  private final NDArray bufferSnapshot;

  /**
   * @param scope the update's scope on the model's device; snapshots live there
   * @param longLived the arrays every nested scope must hold (model, optimizers)
   * @param stacked the batched engine of this model, or null to evaluate one after another
   */
  CandidateEvaluator(
      SearchModel model,
      NDManager scope,
      List<NDArray> longLived,
      Work work,
      StackedCandidates stacked) {
    this.model = model;
    this.scope = scope;
    this.work = work;
    this.stacked = stacked;
    this.weights = model.weights();
    this.weightSnapshot = model.packedWeights().snapshot(scope);
    this.bufferSnapshot = model.net().parameters().packedBuffers().snapshot(scope);
    attached.addAll(longLived);
    attached.add(weightSnapshot);
    attached.add(bufferSnapshot);
    work.scoringBatches().forEach(b -> attached.addAll(List.of(b.images(), b.labels())));
    work.innerBatches().forEach(b -> attached.addAll(List.of(b.images(), b.labels())));
  }

  /** Whether this evaluator stacks the candidates of a call (candidate batching). */
  boolean batches() {
    return stacked != null;
  }

  NDManager scope() {
    return scope;
  }

  /** Every array a nested scope must hold. */
  List<NDArray> attached() {
    return attached;
  }

  Work work() {
    return work;
  }

  /** The weights as they were when the update began. */
  NDArray weightSnapshot() {
    return weightSnapshot;
  }

  /** The batch-norm statistics as they were when the update began. */
  NDArray bufferSnapshot() {
    return bufferSnapshot;
  }

  /** The losses of base + perturbation_i; the network and alphas are restored afterwards. */
  double[] losses(List<double[]> perturbations) {
    if (stacked != null && perturbations.size() > 1) {
      return stacked.losses(
          work.normalAlphas(),
          work.reduceAlphas(),
          perturbations,
          work.innerBatches(),
          work.scoringBatches(),
          work.inner(),
          work.scoreInTrainMode(),
          scope,
          attached);
    }
    double[] out = new double[perturbations.size()];
    try {
      for (int i = 0; i < perturbations.size(); i++) {
        restoreNetwork();
        model.alphas().set(work.normalAlphas(), work.reduceAlphas(), perturbations.get(i));
        trainInner();
        out[i] = score();
      }
    } finally {
      restoreNetwork();
      model.alphas().set(work.normalAlphas(), work.reduceAlphas(), null);
    }
    return out;
  }

  /** Mean loss over the scoring batches at the model's current alphas, without gradients. */
  double score() {
    try (StepScope s = StepScope.open(scope, attached)) {
      double total = 0;
      for (Batch b : work.scoringBatches()) {
        total +=
            Losses.crossEntropy(model.logits(b.images(), work.scoreInTrainMode()), b.labels())
                .getFloat();
      }
      return total / work.scoringBatches().size();
    }
  }

  /** Puts back the weights and statistics the update began with. */
  void restoreNetwork() {
    model.packedWeights().restore(weightSnapshot);
    model.net().parameters().packedBuffers().restore(bufferSnapshot);
  }

  private void trainInner() {
    if (work.innerBatches().isEmpty()) {
      return;
    }
    InnerOptimizerSpec inner = work.inner();
    try (StepScope candidate = StepScope.open(scope, attached)) {
      PackedArrays packed = model.packedWeights();
      Sgd sgd = new Sgd(packed, candidate.manager(), inner.getMomentum(), inner.getWeightDecay());
      List<NDArray> withOptimizer = new ArrayList<>(attached);
      withOptimizer.addAll(sgd.longLived());
      for (Batch batch : work.innerBatches()) {
        try (StepScope step = StepScope.open(candidate.manager(), withOptimizer)) {
          Gradients.zero(weights);
          try (Autograd autograd = Autograd.record()) {
            autograd.backward(model.loss(batch, true));
          }
          sgd.step(Gradients.clipGlobalNorm(packed, inner.getGradClip()), inner.getLearningRate());
        }
      }
    }
  }
}
