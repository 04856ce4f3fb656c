package io.zarts.trainer.alpha;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.zarts.trainer.data.Batch;
import io.zarts.trainer.devices.DevicePool;
import io.zarts.trainer.model.SearchModel;
import io.zarts.trainer.nn.Autograd;
import io.zarts.trainer.nn.FrozenWeights;
import io.zarts.trainer.nn.Losses;
import io.zarts.trainer.nn.StepScope;
import io.zarts.trainer.optim.Gradients;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The black box f(A) on the supernet, for one alpha update. L0 and the first-order gradient are
 * computed on the search's own model; candidate losses by a {@link CandidateEvaluator} per worker:
 * with one worker all of them on the model itself (one after another, or stacked with
 * optimizer.candidateBatching), with more the candidates of a call are split into contiguous
 * shares, the first evaluated here and the others by the workers' replicas in parallel, each from a
 * copy of the same weights, statistics and batches, so the losses are the ones one worker computes.
 * With reference parity the inner steps are skipped, which is what the released code effectively
 * computes. Close it when the update ends: the workers' copies are freed then.
 */
public final class SupernetObjective implements AlphaObjective, AutoCloseable {

  private final SearchModel model;
  private final CandidateEvaluator primary;
  private final Consumer<CandidateTrace> trace;
  private final CandidateWorkers workers;
  private final List<CandidateEvaluator> replicaEvaluators = new ArrayList<>();
  private final List<StepScope> replicaScopes = new ArrayList<>();
  private final int[] workerCandidates;
  private final long[] workerNanos;
  private Double loss0;
  private double[] gradient;
  private int candidates;
  private long candidateNanos;

  /**
   * @param scope the update's scope; snapshots and batches live there
   * @param longLived the arrays every nested scope must hold (model, optimizers)
   * @param work the update's batches, base alphas and settings (no inner batches: score at the
   *     current weights)
   * @param stacked the primary's batched engine, or null to evaluate candidates one after another;
   *     the replicas batch their shares when the primary batches
   * @param workers the candidate workers, or null for the primary alone
   */
  SupernetObjective(
      SearchModel model,
      NDManager scope,
      List<NDArray> longLived,
      CandidateEvaluator.Work work,
      Consumer<CandidateTrace> trace,
      StackedCandidates stacked,
      CandidateWorkers workers) {
    this.model = model;
    this.trace = trace;
    this.workers = workers;
    this.primary = new CandidateEvaluator(model, scope, longLived, work, stacked);
    int size = workers == null ? 1 : workers.size();
    this.workerCandidates = new int[size];
    this.workerNanos = new long[size];
  }

  @Override
  public int[] blocks() {
    return new int[] {primary.work().normalAlphas().length, primary.work().reduceAlphas().length};
  }

  @Override
  public boolean trainsCandidates() {
    return !primary.work().innerBatches().isEmpty();
  }

  @Override
  public double baseLoss() {
    if (loss0 == null) {
      loss0 = primary.score();
      primary.restoreNetwork();
    }
    return loss0;
  }

  @Override
  public double[] gradient() {
    if (gradient == null) {
      List<NDArray> alphas = model.alphas().both();
      List<Batch> scoring = primary.work().scoringBatches();
      try (StepScope s = StepScope.open(primary.scope(), primary.attached())) {
        Gradients.zero(alphas);
        // Only the alphas' gradient is read: the weights' would be thousands of kernels for
        // nothing.
        try (FrozenWeights frozen = FrozenWeights.freeze(model.weights());
            Autograd autograd = Autograd.record()) {
          NDArray total = null;
          for (Batch b : scoring) {
            NDArray loss =
                Losses.crossEntropy(
                    model.logits(b.images(), primary.work().scoreInTrainMode()), b.labels());
            total = total == null ? loss : total.add(loss);
          }
          NDArray mean = total.div(scoring.size());
          autograd.backward(mean);
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
      primary.restoreNetwork();
    }
    return gradient.clone();
  }

  @Override
  public double[] losses(List<double[]> perturbations) {
    long start = System.nanoTime();
    double[] out = spread(perturbations);
    candidateNanos += System.nanoTime() - start;
    for (double loss : out) {
      if (trace != null) {
        trace.accept(
            new CandidateTrace(
                candidates, primary.work().innerBatches(), primary.work().scoringBatches(), loss));
      }
      candidates++;
    }
    return out;
  }

  /**
   * Splits the candidates into contiguous shares, one per worker (as even as they divide), runs the
   * replicas' shares on their threads and the first here, and waits for all of them before it
   * returns or rethrows, so no worker outlives the update's arrays.
   */
  private double[] spread(List<double[]> perturbations) {
    int n = perturbations.size();
    int shares = workers == null ? 1 : Math.min(workers.size(), n);
    if (shares <= 1) {
      return timed(0, () -> primary.losses(perturbations));
    }
    int[] bounds = new int[shares + 1];
    for (int w = 0; w < shares; w++) {
      bounds[w + 1] = bounds[w] + n / shares + (w < n % shares ? 1 : 0);
    }
    // Every replica is staged before any starts: a failure here leaves no worker running.
    List<CandidateEvaluator> replicas = new ArrayList<>();
    for (int w = 1; w < shares; w++) {
      replicas.add(replicaEvaluator(w));
    }
    List<Future<double[]>> running = new ArrayList<>();
    double[] out = new double[n];
    Throwable failure = null;
    try {
      for (int w = 1; w < shares; w++) {
        CandidateEvaluator replica = replicas.get(w - 1);
        List<double[]> share = perturbations.subList(bounds[w], bounds[w + 1]);
        int worker = w;
        running.add(workers.submit(() -> timed(worker, () -> replica.losses(share))));
      }
      double[] first = timed(0, () -> primary.losses(perturbations.subList(0, bounds[1])));
      System.arraycopy(first, 0, out, 0, first.length);
    } catch (Throwable e) {
      failure = e;
    }
    // Whatever happened above, every started worker is waited for before the arrays it uses can
    // be freed.
    for (int w = 0; w < running.size(); w++) {
      try {
        double[] share = CandidateWorkers.await(running.get(w));
        System.arraycopy(share, 0, out, bounds[w + 1], share.length);
      } catch (Throwable e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure instanceof RuntimeException r) {
      throw r;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    if (failure != null) {
      throw new IllegalStateException("candidate evaluation failed", failure);
    }
    return out;
  }

  private double[] timed(int worker, Supplier<double[]> evaluation) {
    long start = System.nanoTime();
    double[] losses = evaluation.get();
    workerNanos[worker] += System.nanoTime() - start;
    workerCandidates[worker] += losses.length;
    return losses;
  }

  /**
   * Worker w's evaluator for this update, made on first use: its replica refreshed from the
   * primary's snapshot and the update's batches copied to its device, all on this thread before the
   * worker starts, in a scope of the replica's that lives until the update closes.
   */
  private CandidateEvaluator replicaEvaluator(int worker) {
    while (replicaEvaluators.size() < worker) {
      Replica replica = workers.replica(replicaEvaluators.size() + 1);
      StepScope scope = StepScope.open(replica.manager(), replica.longLived());
      replicaScopes.add(scope);
      replica.refresh(primary.weightSnapshot(), primary.bufferSnapshot());
      CandidateEvaluator.Work work = primary.work();
      CandidateEvaluator.Work copied =
          work.on(
              work.scoringBatches().stream().map(b -> Replica.copy(b, scope.manager())).toList(),
              work.innerBatches().stream().map(b -> Replica.copy(b, scope.manager())).toList());
      replicaEvaluators.add(
          new CandidateEvaluator(
              replica.model(),
              scope.manager(),
              replica.longLived(),
              copied,
              primary.batches() ? replica.stacked() : null));
    }
    return replicaEvaluators.get(worker - 1);
  }

  /** Seconds spent training and scoring candidates so far. */
  public double candidateSeconds() {
    return candidateNanos / 1e9;
  }

  /** What each worker did in this update, in worker order (workers with no share included). */
  public List<WorkerShare> workerShares() {
    List<WorkerShare> out = new ArrayList<>();
    for (int w = 0; w < workerCandidates.length; w++) {
      String name =
          workers == null
              ? DevicePool.single(model.alphas().normal().getDevice()).name(0)
              : workers.pool().name(w);
      out.add(new WorkerShare(name, workerCandidates[w], workerNanos[w] / 1e9));
    }
    return out;
  }

  @Override
  public void close() {
    for (int i = replicaScopes.size() - 1; i >= 0; i--) {
      replicaScopes.get(i).close();
    }
    replicaScopes.clear();
    replicaEvaluators.clear();
  }

  /** What one candidate saw, for tests of common random numbers. */
  public record CandidateTrace(
      int candidate, List<Batch> innerBatches, List<Batch> scoringBatches, double loss) {}
}
