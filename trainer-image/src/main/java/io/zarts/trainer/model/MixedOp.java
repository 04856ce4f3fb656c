package io.zarts.trainer.model;

import ai.djl.ndarray.NDArray;
import io.zarts.trainer.nn.Forward;
import io.zarts.trainer.nn.Op;
import io.zarts.trainer.nn.ParameterStore;
import io.zarts.trainer.nn.Temporaries;
import io.zarts.trainer.space.Primitive;
import java.util.ArrayList;
import java.util.List;

/** One edge of a cell: sum over its candidate ops of softmax(alpha)_k * op_k(x). */
final class MixedOp {

  private final List<Primitive> primitives;
  private final List<Op> ops = new ArrayList<>();

  MixedOp(ParameterStore store, String name, List<Primitive> primitives, int channels, int stride) {
    this.primitives = List.copyOf(primitives);
    for (int k = 0; k < primitives.size(); k++) {
      ops.add(Operations.create(primitives.get(k), store, name + "._ops." + k, channels, stride));
    }
  }

  /**
   * x: the edge's input; weights: this edge's softmax(alpha) per op, each of shape [1], or with
   * stacked replicas [1, replicas * C, 1, 1] (each replica's weight repeated over its channels).
   */
  NDArray forward(NDArray x, List<NDArray> weights, Forward pass) {
    NDArray sum = null;
    for (int k = 0; k < ops.size(); k++) {
      // 'none' outputs zeros: its term adds nothing to the value or to any gradient, so it is not
      // computed.
      if (primitives.get(k) == Primitive.NONE) {
        continue;
      }
      NDArray out = ops.get(k).forward(x, pass);
      NDArray term = out.mul(weights.get(k));
      Temporaries.release(out, x);
      if (sum == null) {
        sum = term;
      } else {
        // In place: no backward pass needs the running sum (mul saves its operands, not its
        // result), so this saves an array and an activation-sized allocation per term.
        sum.addi(term);
        Temporaries.release(term, x);
      }
    }
    return sum;
  }
}
