package io.zarts.trainer.alpha;

import ai.djl.ndarray.NDArray;
import io.zarts.api.v1alpha1.BatchNormMode;
import io.zarts.api.v1alpha1.OptimizerSpec;
import io.zarts.trainer.data.Batch;
import io.zarts.trainer.model.Alphas;
import io.zarts.trainer.model.SearchModel;
import io.zarts.trainer.model.SupernetConfig;
import io.zarts.trainer.space.Primitive;
import io.zarts.trainer.space.SearchSpace;
import io.zarts.trainer.util.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The ZARTS strategies (mgs, rs, gld) on the supernet: each update draws its scoring and inner
 * batches once, builds a {@link SupernetObjective} over them, lets the method pick a step from
 * candidate losses, and adds the step to the alphas.
 */
public final class ZeroOrderStrategy implements AlphaStrategy {

  private final OptimizerSpec spec;
  private final SigmaScheduler sigma;
  private final Rng rng;
  private final ZeroOrderMethod method;
  private Consumer<SupernetObjective.CandidateTrace> trace;
  private StackedCandidates stacked;

  public ZeroOrderStrategy(OptimizerSpec spec, int epochs, Rng rng) {
    this.spec = spec;
    this.sigma =
        new SigmaScheduler(
            spec.getSigma(), spec.getSigmaSchedule(), spec.getWarmupEpochs(), epochs);
    this.rng = rng;
    this.method = ZeroOrderMethod.of(spec);
  }

  /** Observes every candidate (tests check that all saw the same batches). */
  public void traceCandidates(Consumer<SupernetObjective.CandidateTrace> listener) {
    this.trace = listener;
  }

  @Override
  public AlphaUpdate update(AlphaUpdateContext context) {
    long start = System.nanoTime();
    SearchModel model = context.model();
    List<Batch> scoring = new ArrayList<>();
    for (int i = 0; i < spec.getCandidateEval().getBatches(); i++) {
      scoring.add(context.validStream().next(context.scope()));
    }
    List<Batch> inner = new ArrayList<>();
    if (!spec.getReferenceParity()) {
      for (int i = 0; i < spec.getInnerSteps(); i++) {
        inner.add(context.innerStream().next(context.scope()));
      }
    }
    StackedCandidates stacked = stackedEngine(model);
    CandidateEvaluator.Work work =
        CandidateEvaluator.Work.of(
            model,
            scoring,
            inner,
            spec.getInnerOptimizer(),
            spec.getCandidateEval().getBatchNorm() == BatchNormMode.TRAIN);
    try (SupernetObjective objective =
        new SupernetObjective(
            model, context.scope(), context.longLived(), work, trace, stacked, context.workers())) {
      Proposal p = method.propose(objective, sigma.at(context.epoch()), rng);
      Alphas alphas = model.alphas();
      // From the base the candidates were made of (read once, by Work.of): no second read-back.
      alphas.set(work.normalAlphas(), work.reduceAlphas(), p.step());
      return new AlphaUpdate(
          p.loss0(),
          p.losses(),
          p.weights(),
          p.effectiveSampleSize(),
          Vectors.norm(p.step()),
          Entropy.mean(model.alphas().normalWeights()),
          Entropy.mean(model.alphas().reduceWeights()),
          (System.nanoTime() - start) / 1e9,
          objective.candidateSeconds(),
          objective.workerShares());
    }
  }

  /**
   * The candidate-batching engine when optimizer.candidateBatching asks for it, built once and
   * reused.
   */
  private StackedCandidates stackedEngine(SearchModel model) {
    boolean gpu = model.alphas().normal().getDevice().isGpu();
    SupernetConfig net = model.net().config();
    long work =
        (long) net.channels() * net.imageSize() * net.imageSize() * spec.getInnerBatchSize();
    if (!batchesCandidates(spec, net.space(), gpu, work)) {
      return null;
    }
    if (stacked == null) {
      stacked = new StackedCandidates(model);
    }
    return stacked;
  }

  /**
   * Most activation elements per stem channel (initChannels x image area x inner batch) for which
   * auto batches on a CPU. Batching saves per-operation overhead, not arithmetic: measured on a
   * 2-core CPU (docs/benchmarks.md) it pays for the tiny configuration (4 x 16 x 16 x 16 = 16,384:
   * 0.62x the time for MGS) and loses for the small one (8 x 32 x 32 x 32 = 262,144: 1.07x). GPUs,
   * bound by kernel launches, always batch under auto.
   */
  static final long CPU_BATCHING_MAX_WORK = 65_536;

  /**
   * on: always; off: never; auto: on GPUs, and on CPUs for small supernets only, never with the
   * noise op (one draw would serve every candidate).
   */
  static boolean batchesCandidates(OptimizerSpec spec, SearchSpace space, boolean gpu, long work) {
    return switch (spec.getCandidateBatching()) {
      case ON -> true;
      case OFF -> false;
      case AUTO -> !space.uses(Primitive.NOISE) && (gpu || work <= CPU_BATCHING_MAX_WORK);
    };
  }

  /** The generator of perturbations (checkpointed with the run). */
  public Rng rng() {
    return rng;
  }

  @Override
  public List<NDArray> state() {
    return List.of();
  }

  @Override
  public Map<String, long[]> counters() {
    return Map.of("rng", rng.state());
  }

  @Override
  public void restoreCounters(Map<String, long[]> counters) {
    if (counters.containsKey("rng")) {
      rng.restore(counters.get("rng"));
    }
  }
}
