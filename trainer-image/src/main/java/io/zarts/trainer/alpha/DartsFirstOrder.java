package io.zarts.trainer.alpha;

import ai.djl.ndarray.NDArray;
import io.zarts.api.v1alpha1.DartsSpec;
import io.zarts.trainer.data.Batch;
import io.zarts.trainer.model.Alphas;
import io.zarts.trainer.model.SearchModel;
import io.zarts.trainer.nn.Autograd;
import io.zarts.trainer.optim.Adam;
import io.zarts.trainer.optim.Gradients;
import java.util.List;
import java.util.Map;

/**
 * The first-order DARTS baseline: the gradient of one validation batch's loss with respect to the
 * alphas at the current weights, followed by an Adam step (lr 3e-4, betas (0.5, 0.999), weight
 * decay 1e-3 by default).
 */
public final class DartsFirstOrder implements AlphaStrategy {

  private final Adam adam;

  public DartsFirstOrder(Alphas alphas, DartsSpec spec) {
    NDArray first = alphas.normal();
    this.adam =
        new Adam(
            alphas.both(),
            first.getManager(),
            spec.getLearningRate(),
            spec.getBeta1(),
            spec.getBeta2(),
            spec.getWeightDecay());
  }

  @Override
  public AlphaUpdate update(AlphaUpdateContext context) {
    long start = System.nanoTime();
    SearchModel model = context.model();
    List<NDArray> alphas = model.alphas().both();
    Batch batch = context.validStream().next(context.scope());
    Gradients.zero(alphas);
    double loss0;
    try (Autograd autograd = Autograd.record()) {
      NDArray loss = model.loss(batch, true);
      autograd.backward(loss);
      loss0 = loss.getFloat();
    }
    NDArray normalBefore = alphas.get(0).duplicate();
    NDArray reduceBefore = alphas.get(1).duplicate();
    adam.step();
    double stepNorm =
        Math.sqrt(
            alphas.get(0).sub(normalBefore).square().sum().getFloat()
                + alphas.get(1).sub(reduceBefore).square().sum().getFloat());
    return new AlphaUpdate(
        loss0,
        new double[0],
        new double[0],
        Double.NaN,
        stepNorm,
        Entropy.mean(model.alphas().normalWeights()),
        Entropy.mean(model.alphas().reduceWeights()),
        (System.nanoTime() - start) / 1e9,
        0,
        List.of());
  }

  @Override
  public List<NDArray> state() {
    return adam.state();
  }

  @Override
  public Map<String, long[]> counters() {
    return Map.of("adamSteps", new long[] {adam.steps()});
  }

  @Override
  public void restoreCounters(Map<String, long[]> counters) {
    adam.setSteps(counters.getOrDefault("adamSteps", new long[] {0})[0]);
  }
}
