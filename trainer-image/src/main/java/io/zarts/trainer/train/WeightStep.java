package io.zarts.trainer.train;

import ai.djl.ndarray.NDArray;
import io.zarts.trainer.data.Batch;
import io.zarts.trainer.model.SearchModel;
import io.zarts.trainer.nn.Autograd;
import io.zarts.trainer.nn.Losses;
import io.zarts.trainer.optim.Gradients;
import io.zarts.trainer.optim.Sgd;
import java.util.List;

/**
 * One weight step of the search, as the search loop and the benchmark run it: forward with batch
 * statistics, cross-entropy, backward, global-norm clipping and an SGD step at the given learning
 * rate. Call it inside a {@link StepScope}; the returned arrays live there.
 */
public final class WeightStep {

  /** The batch's logits and mean loss. */
  public record Output(NDArray logits, NDArray loss) {}

  private WeightStep() {}

  public static Output run(
      SearchModel model, Sgd sgd, Batch batch, double learningRate, double gradClip) {
    List<NDArray> weights = model.weights();
    Gradients.zero(weights);
    NDArray logits;
    NDArray loss;
    try (Autograd autograd = Autograd.record()) {
      logits = model.logits(batch.images(), true);
      loss = Losses.crossEntropy(logits, batch.labels());
      autograd.backward(loss);
    }
    sgd.step(Gradients.clipGlobalNorm(model.packedWeights(), gradClip), learningRate);
    return new Output(logits, loss);
  }
}
