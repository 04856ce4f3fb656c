package io.zarts.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import io.zarts.trainer.nn.Forward;
import io.zarts.trainer.nn.Op;
import io.zarts.trainer.nn.ParameterStore;
import io.zarts.trainer.space.Primitive;
import java.util.ArrayList;
import java.util.List;

/**
 * One edge of a cell: sum over its candidate ops of softmax(alpha)_k * op_k(x), computed as one stacked weighted
 * sum (a few large operations instead of K multiplies and K-1 adds, in the forward and the backward pass).
 */
final class MixedOp {

  private final List<Op> ops = new ArrayList<>();
  /** The weights of the ops that compute something, or null when that is all of them. */
  private final NDIndex computed;

  MixedOp(ParameterStore store, String name, List<Primitive> primitives, int channels, int stride) {
    int first = 0;
    int last = primitives.size();
    for (int k = 0; k < primitives.size(); k++) {
      if (primitives.get(k) != Primitive.NONE) {
        ops.add(Operations.create(primitives.get(k), store, name + "._ops." + k, channels, stride));
      } else if (k == first) {
        first++;
      } else if (k == primitives.size() - 1) {
        last--;
      } else {
        throw new IllegalArgumentException("'none' must be the first or last op of an edge, got " + primitives);
      }
    }
    // 'none' outputs zeros: its term adds nothing to the value or to any gradient, so it is not computed.
    this.computed = first == 0 && last == primitives.size() ? null : new NDIndex(first + ":" + last);
  }

  /**
   * x: the edge's input; weights: this edge's softmax(alpha) as [K, 1, 1, 1, 1], or with stacked replicas
   * [K, 1, replicas * C, 1, 1] (each replica's weight repeated over its channels).
   */
  NDArray forward(NDArray x, NDArray weights, Forward pass) {
    if (ops.size() == 1) {
      return ops.get(0).forward(x, pass).mul((computed == null ? weights : weights.get(computed)).squeeze(0));
    }
    NDList terms = new NDList(ops.size());
    for (Op op : ops) {
      terms.add(op.forward(x, pass));
    }
    NDArray w = computed == null ? weights : weights.get(computed);
    return NDArrays.stack(terms).mul(w).sum(new int[] {0});
  }
}
