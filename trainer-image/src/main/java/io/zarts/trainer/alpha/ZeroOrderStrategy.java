package io.zarts.trainer.alpha;

import ai.djl.ndarray.NDArray;
import io.zarts.api.v1alpha1.Algorithm;
import io.zarts.api.v1alpha1.BatchNormMode;
import io.zarts.api.v1alpha1.OptimizerSpec;
import io.zarts.trainer.data.Batch;
import io.zarts.trainer.model.Alphas;
import io.zarts.trainer.model.SearchModel;
import io.zarts.trainer.space.Primitive;
import io.zarts.trainer.space.SearchSpace;
import io.zarts.trainer.util.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The ZARTS strategies (mgs, rs, gld) on the supernet: each update draws its scoring and inner batches once,
 * builds a {@link SupernetObjective} over them, lets the method pick a step from candidate losses, and adds the
 * step to the alphas.
 */
public final class ZeroOrderStrategy implements AlphaStrategy {

  private final OptimizerSpec spec;
  private final SigmaScheduler sigma;
  private final Rng rng;
  private final MaximumLikelihoodGuidedSearch mgs;
  private final RandomSearchMethod rs;
  private final GradientlessDescent gld;
  private Consumer<SupernetObjective.CandidateTrace> trace;
  private StackedCandidates stacked;

  public ZeroOrderStrategy(OptimizerSpec spec, int epochs, Rng rng) {
    this.spec = spec;
    this.sigma = new SigmaScheduler(spec.getSigma(), spec.getSigmaSchedule(), spec.getWarmupEpochs(), epochs);
    this.rng = rng;
    this.mgs = new MaximumLikelihoodGuidedSearch(spec.getSamples(), spec.getTau(), spec.getLambda(),
        spec.getReferenceParity());
    this.rs = new RandomSearchMethod(spec.getSamples(), spec.getRs().getDelta(), spec.getRs().getLearningRate(),
        spec.getRs().getDirections(), spec.getRs().getAntithetic());
    this.gld = new GradientlessDescent(spec.getGld().getMaxRadius(), spec.getGld().getMinRadius());
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
    SupernetObjective objective = new SupernetObjective(model, context.scope(), context.longLived(), scoring,
        inner, spec.getInnerOptimizer(), spec.getCandidateEval().getBatchNorm() == BatchNormMode.TRAIN, trace,
        stackedEngine(model));
    double[] step;
    double loss0;
    double[] losses;
    double[] weights = new double[0];
    double ess = Double.NaN;
    if (spec.getAlgorithm() == Algorithm.MGS) {
      MaximumLikelihoodGuidedSearch.Step s = mgs.step(objective, sigma.at(context.epoch()), rng);
      step = s.step();
      loss0 = s.loss0();
      losses = s.losses();
      weights = s.weights();
      ess = s.effectiveSampleSize();
    } else if (spec.getAlgorithm() == Algorithm.RS) {
      RandomSearchMethod.Result r = rs.step(objective, rng);
      step = r.step();
      loss0 = r.loss0();
      losses = r.losses();
    } else {
      GradientlessDescent.Result r = gld.step(objective, rng);
      step = r.step();
      loss0 = r.loss0();
      losses = r.losses();
    }
    Alphas alphas = model.alphas();
    alphas.set(alphas.normal().toFloatArray(), alphas.reduce().toFloatArray(), step);
    return new AlphaUpdate(loss0, losses, weights, ess, Vectors.norm(step),
        Entropy.mean(model.alphas().normalWeights()), Entropy.mean(model.alphas().reduceWeights()),
        (System.nanoTime() - start) / 1e9, objective.candidateSeconds());
  }

  /** The candidate-batching engine when optimizer.candidateBatching asks for it, built once and reused. */
  private StackedCandidates stackedEngine(SearchModel model) {
    if (!batchesCandidates(spec, model.net().config().space())) {
      return null;
    }
    if (stacked == null) {
      stacked = new StackedCandidates(model);
    }
    return stacked;
  }

  /** on: always; off: never; auto: unless the space has the noise op, whose draws would differ. */
  static boolean batchesCandidates(OptimizerSpec spec, SearchSpace space) {
    return switch (spec.getCandidateBatching()) {
      case ON -> true;
      case OFF -> false;
      case AUTO -> !space.uses(Primitive.NOISE);
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
