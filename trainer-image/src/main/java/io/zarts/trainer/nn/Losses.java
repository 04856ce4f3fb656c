package io.zarts.trainer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;

/** The loss and the accuracy count that the search and the evaluation networks are scored by. */
public final class Losses {

  private static final Loss CROSS_ENTROPY = Loss.softmaxCrossEntropyLoss();

  private Losses() {}

  /** Mean cross-entropy of a batch's logits against its labels. */
  public static NDArray crossEntropy(NDArray logits, NDArray labels) {
    return CROSS_ENTROPY.evaluate(new NDList(labels), new NDList(logits));
  }

  /** Number of correct top-1 predictions, as a float scalar array. */
  public static NDArray correct(NDArray logits, NDArray labels) {
    return logits
        .argMax(1)
        .toType(DataType.INT64, false)
        .eq(labels.toType(DataType.INT64, false))
        .toType(DataType.FLOAT32, false)
        .sum();
  }
}
