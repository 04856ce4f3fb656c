package io.zarts.trainer.alpha;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.zarts.api.v1alpha1.InnerOptimizerSpec;
import io.zarts.trainer.data.Batch;
import io.zarts.trainer.model.Alphas;
import io.zarts.trainer.model.SearchModel;
import io.zarts.trainer.model.Supernet;
import io.zarts.trainer.nn.Autograd;
import io.zarts.trainer.nn.Forward;
import io.zarts.trainer.nn.InPlace;
import io.zarts.trainer.nn.PackedArrays;
import io.zarts.trainer.nn.ParameterStore;
import io.zarts.trainer.nn.StepScope;
import io.zarts.trainer.nn.Tiles;
import io.zarts.trainer.optim.Gradients;
import io.zarts.trainer.optim.Sgd;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Candidate-batched evaluation: the N candidates of one alpha update run as one supernet N times as
 * wide (the model's weights tiled N times along every layer's output channels, grouped
 * convolutions, per-candidate softmax(alpha) scales and batch-norm statistics), so each op is
 * dispatched once instead of N times. Each candidate trains on the same inner batches with its own
 * SGD state and its own gradient clipping and is scored on the same batches: the same losses as
 * evaluating them one after another, up to float summation order. The model itself is never
 * written. Wide networks are built once per candidate count and reused.
 */
final class StackedCandidates {

  /** A wide network and its arrays. */
  private record Stack(Supernet net, List<NDArray> weights, List<NDArray> buffers) {

    /** Weights, statistics and the constants the network has made so far. */
    List<NDArray> arrays() {
      return net.parameters().allArrays();
    }
  }

  private final SearchModel model;
  private final NDManager manager;
  private final Map<Integer, Stack> stacks = new HashMap<>();

  StackedCandidates(SearchModel model) {
    this.model = model;
    this.manager = model.net().parameters().manager().newSubManager();
  }

  /**
   * Losses of the candidates base + perturbation_i (perturbations flat: normal cell, then reduction
   * cell), each trained for the inner batches with a fresh SGD and scored on the scoring batches.
   */
  double[] losses(
      float[] normalBase,
      float[] reduceBase,
      List<double[]> perturbations,
      List<Batch> inner,
      List<Batch> scoring,
      InnerOptimizerSpec optimizer,
      boolean scoreInTrainMode,
      NDManager scope,
      List<NDArray> attached) {
    int n = perturbations.size();
    Stack stack = stacks.computeIfAbsent(n, this::build);
    List<NDArray> held = new ArrayList<>(attached);
    held.addAll(stack.arrays());
    try (StepScope update = StepScope.open(scope, held)) {
      NDManager m = update.manager();
      load(stack);
      NDArray normal =
          candidateWeights(m, normalBase, perturbations, 0, model.alphas().normal().getShape());
      NDArray reduce =
          candidateWeights(
              m, reduceBase, perturbations, normalBase.length, model.alphas().reduce().getShape());
      List<NDArray> withAlphas = new ArrayList<>(held);
      withAlphas.add(normal);
      withAlphas.add(reduce);
      if (!inner.isEmpty()) {
        PackedArrays packed = stack.net().parameters().packedWeights();
        Sgd sgd = new Sgd(packed, m, optimizer.getMomentum(), optimizer.getWeightDecay());
        withAlphas.addAll(sgd.longLived());
        for (Batch batch : inner) {
          try (StepScope step = StepScope.open(m, withAlphas)) {
            Gradients.zero(stack.weights());
            try (Autograd autograd = Autograd.record()) {
              NDArray logits =
                  stack.net().forward(batch.images(), normal, reduce, Forward.train(model.noise()));
              autograd.backward(perCandidateLoss(logits, batch.labels()).sum());
            }
            sgd.step(
                Gradients.clipGlobalNormPerReplica(packed, optimizer.getGradClip(), n),
                optimizer.getLearningRate());
          }
        }
      }
      try (StepScope score = StepScope.open(m, withAlphas)) {
        NDArray total = null;
        for (Batch b : scoring) {
          NDArray logits =
              stack
                  .net()
                  .forward(
                      b.images(),
                      normal,
                      reduce,
                      new Forward(scoreInTrainMode, model.noise(), null));
          NDArray loss = perCandidateLoss(logits, b.labels());
          total = total == null ? loss : total.add(loss);
        }
        float[] sums = total.toFloatArray();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
          out[i] = (double) sums[i] / scoring.size();
        }
        return out;
      }
    }
  }

  /** Mean cross-entropy of each candidate: logits [B, N, classes], labels [B] to [N]. */
  static NDArray perCandidateLoss(NDArray logits, NDArray labels) {
    long classes = logits.getShape().get(2);
    NDArray picked =
        logits.logSoftmax(2).mul(labels.oneHot((int) classes).expandDims(1)).sum(new int[] {2});
    return picked.neg().mean(new int[] {0});
  }

  /** softmax over ops of base + perturbation_i for every candidate: [N, edges, K]. */
  private static NDArray candidateWeights(
      NDManager m, float[] base, List<double[]> perturbations, int offset, Shape shape) {
    int n = perturbations.size();
    float[] values = new float[n * base.length];
    for (int i = 0; i < n; i++) {
      System.arraycopy(
          Alphas.shifted(base, perturbations.get(i), offset),
          0,
          values,
          i * base.length,
          base.length);
    }
    return m.create(values, new Shape(n, shape.get(0), shape.get(1))).softmax(2);
  }

  /**
   * Copies the model's weights and batch-norm statistics into every replica of the stack. Runs
   * inside the update's scope, where the model's arrays are attached, so the tiled temporaries are
   * freed with it.
   */
  private void load(Stack stack) {
    List<NDArray> weights = model.weights();
    List<NDArray> buffers =
        model.net().parameters().buffers().stream().map(e -> e.array()).toList();
    int n = stack.net().parameters().replicas();
    for (int i = 0; i < weights.size(); i++) {
      InPlace.copy(Tiles.along(weights.get(i), 0, n), stack.weights().get(i));
    }
    for (int i = 0; i < buffers.size(); i++) {
      InPlace.copy(Tiles.along(buffers.get(i), 0, n), stack.buffers().get(i));
    }
  }

  private Stack build(int n) {
    // The initial values are overwritten by load(); any generator will do.
    Supernet net = Supernet.scratch(model.net().config(), manager, n);
    ParameterStore store = net.parameters();
    List<NDArray> weights = store.weights().stream().map(ParameterStore.Entry::array).toList();
    List<NDArray> buffers = store.buffers().stream().map(ParameterStore.Entry::array).toList();
    return new Stack(net, weights, buffers);
  }
}
