package io.zarts.trainer.model;

import ai.djl.ndarray.NDArray;
import io.zarts.api.genotype.Gene;
import io.zarts.trainer.nn.ChannelConcat;
import io.zarts.trainer.nn.Forward;
import io.zarts.trainer.nn.Op;
import io.zarts.trainer.nn.ParameterStore;
import io.zarts.trainer.space.Primitive;
import java.util.ArrayList;
import java.util.List;

/**
 * A derived cell as DARTS retrains it: two preprocessed inputs, then per node the sum of two chosen
 * operations (final form: affine batch norms, pools without batch norm) on two earlier states, drop
 * path on every operation but the identity, and the concatenation of the listed nodes.
 */
final class EvalCell {

  private final Op preprocess0;
  private final Op preprocess1;
  private final List<Op> ops = new ArrayList<>();
  private final List<Integer> inputs = new ArrayList<>();
  private final List<Integer> concat;

  EvalCell(
      ParameterStore store,
      String name,
      List<Gene> genes,
      List<Integer> concat,
      int cPrevPrev,
      int cPrev,
      int c,
      boolean reduction,
      boolean reductionPrev) {
    this.preprocess0 =
        reductionPrev
            ? Operations.factorizedReduce(store, name + ".preprocess0", cPrevPrev, c, true)
            : Operations.reluConvBn(store, name + ".preprocess0", cPrevPrev, c, 1, 1, 0, true);
    this.preprocess1 = Operations.reluConvBn(store, name + ".preprocess1", cPrev, c, 1, 1, 0, true);
    for (int i = 0; i < genes.size(); i++) {
      Gene gene = genes.get(i);
      int stride = reduction && gene.getInput() < 2 ? 2 : 1;
      ops.add(
          Operations.createFinal(
              Primitive.byName(gene.getOp()), store, name + "._ops." + i, c, stride));
      inputs.add(gene.getInput());
    }
    this.concat = List.copyOf(concat);
  }

  /** Channels out: one block of C per concatenated node. */
  int multiplier() {
    return concat.size();
  }

  /** The operations drop path applies to: every one but the identity. */
  int droppedOperations() {
    return (int) ops.stream().filter(op -> !Operations.isIdentity(op)).count();
  }

  /** masks: the pass's drop-path masks, or null for none (eval mode, or probability 0). */
  NDArray forward(NDArray s0, NDArray s1, DropPath.Masks masks, Forward pass) {
    List<NDArray> states = new ArrayList<>();
    states.add(preprocess0.forward(s0, pass));
    states.add(preprocess1.forward(s1, pass));
    for (int node = 0; node < ops.size() / 2; node++) {
      NDArray sum = null;
      for (int k = 2 * node; k < 2 * node + 2; k++) {
        Op op = ops.get(k);
        NDArray h = op.forward(states.get(inputs.get(k)), pass);
        if (masks != null && !Operations.isIdentity(op)) {
          h = masks.apply(h);
        }
        sum = sum == null ? h : sum.add(h);
      }
      states.add(sum);
    }
    List<NDArray> out = new ArrayList<>();
    for (int index : concat) {
      out.add(states.get(index));
    }
    return ChannelConcat.of(out, 1);
  }
}
