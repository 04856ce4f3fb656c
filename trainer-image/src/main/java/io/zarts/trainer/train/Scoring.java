package io.zarts.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.zarts.trainer.data.Batch;
import io.zarts.trainer.data.BatchStream;
import io.zarts.trainer.nn.Losses;
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
   * network's eval-mode logits. The sums stay on the device (made on base) until the pass ends: two
   * reads from the host per pass, not two per batch.
   */
  public static Score score(
      BatchStream stream,
      NDManager base,
      Supplier<StepScope> scopes,
      Function<NDArray, NDArray> logits) {
    stream.newPass();
    long count = 0;
    try (NDArray lossSum = base.zeros(new Shape());
        NDArray correctSum = base.zeros(new Shape())) {
      for (int i = 0; i < stream.batchesPerPass(); i++) {
        try (StepScope scope = scopes.get()) {
          scope.manager().tempAttachAll(lossSum, correctSum);
          Batch batch = stream.next(scope.manager());
          NDArray out = logits.apply(batch.images());
          lossSum.addi(Losses.crossEntropy(out, batch.labels()).mul(batch.size()));
          correctSum.addi(Losses.correct(out, batch.labels()));
          count += batch.size();
        }
      }
      return new Score((double) lossSum.getFloat() / count, (double) correctSum.getFloat() / count);
    }
  }
}
