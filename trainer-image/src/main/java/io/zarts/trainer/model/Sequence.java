package io.zarts.trainer.model;

import ai.djl.ndarray.NDArray;
import io.zarts.trainer.nn.Forward;
import io.zarts.trainer.nn.Op;
import io.zarts.trainer.nn.Temporaries;
import java.util.List;

/** Ops applied one after another. */
final class Sequence implements Op {

  private final List<Op> ops;

  Sequence(Op... ops) {
    this.ops = List.of(ops);
  }

  @Override
  public NDArray forward(NDArray x, Forward pass) {
    NDArray y = x;
    for (Op op : ops) {
      NDArray next = op.forward(y, pass);
      Temporaries.release(y, x);
      y = next;
    }
    return y;
  }
}
