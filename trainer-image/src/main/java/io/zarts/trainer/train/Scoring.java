package io.zarts.trainer.train;

import ai.djl.ndarray.NDArray;
import io.zarts.trainer.data.Batch;
import io.zarts.trainer.data.BatchStream;
import io.zarts.trainer.model.SearchModel;
import io.zarts.trainer.nn.StepScope;
import java.util.function.Function;
import java.util.function.Supplier;

/** One pass over an in-order stream in eval mode: mean cross-entropy and top-1 accuracy. */
public final class Scoring {

  /** Mean loss and accuracy over every image of the pass. */
  public record Score(double loss, double accuracy) {}

  private Scoring() {}

  /**
   * Scores the stream's images, each batch in its own scope; logits maps a batch's images to the
   * network's eval-mode logits.
   */
  public static Score score(
      BatchStream stream, Supplier<StepScope> scopes, Function<NDArray, NDArray> logits) {
    stream.newPass();
    double loss = 0;
    double correct = 0;
    long count = 0;
    for (int i = 0; i < stream.batchesPerPass(); i++) {
      try (StepScope scope = scopes.get()) {
        Batch batch = stream.next(scope.manager());
        NDArray out = logits.apply(batch.images());
        loss += SearchModel.crossEntropy(out, batch.labels()).getFloat() * batch.size();
        correct += SearchModel.correct(out, batch.labels()).getFloat();
        count += batch.size();
      }
    }
    return new Score(loss / count, correct / count);
  }
}
