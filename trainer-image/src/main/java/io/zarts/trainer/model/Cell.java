package io.zarts.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.zarts.trainer.nn.ChannelConcat;
import io.zarts.trainer.nn.Forward;
import io.zarts.trainer.nn.Op;
import io.zarts.trainer.nn.ParameterStore;
import io.zarts.trainer.space.CellSpace;
import java.util.ArrayList;
import java.util.List;

/**
 * A DARTS search cell: two preprocessed inputs, intermediate nodes that sum mixed ops over all
 * earlier states, and the node outputs concatenated along channels (docs/algorithms.md §1.2).
 */
final class Cell {

  private final boolean reduction;
  private final int nodes;
  private final Op preprocess0;
  private final Op preprocess1;
  private final List<MixedOp> edges = new ArrayList<>();
  private final int channels;
  private final int replicas;

  Cell(
      ParameterStore store,
      String name,
      CellSpace space,
      int nodes,
      int cPrevPrev,
      int cPrev,
      int c,
      boolean reduction,
      boolean reductionPrev) {
    this.reduction = reduction;
    this.nodes = nodes;
    this.channels = c;
    this.replicas = store.replicas();
    this.preprocess0 =
        reductionPrev
            ? Operations.factorizedReduce(store, name + ".preprocess0", cPrevPrev, c, false)
            : Operations.reluConvBn(store, name + ".preprocess0", cPrevPrev, c, 1, 1, 0, false);
    this.preprocess1 =
        Operations.reluConvBn(store, name + ".preprocess1", cPrev, c, 1, 1, 0, false);
    int edge = 0;
    for (int i = 0; i < nodes; i++) {
      for (int j = 0; j < i + 2; j++) {
        int stride = reduction && j < 2 ? 2 : 1;
        edges.add(new MixedOp(store, name + "._ops." + edge, space.ops(edge), c, stride));
        edge++;
      }
    }
  }

  boolean reduction() {
    return reduction;
  }

  /**
   * weights: softmax(alpha) of this cell type, shape [edges, K]; with stacked replicas [replicas,
   * edges, K], each replica its own.
   */
  NDArray forward(NDArray s0, NDArray s1, NDArray weights, Forward pass) {
    List<NDArray> scales = mixingWeights(weights);
    int k = scales.size() / edges.size();
    List<NDArray> states = new ArrayList<>();
    states.add(preprocess0.forward(s0, pass));
    states.add(preprocess1.forward(s1, pass));
    int edge = 0;
    for (int i = 0; i < nodes; i++) {
      NDArray node = null;
      int inputs = states.size();
      for (int j = 0; j < inputs; j++) {
        NDArray out =
            edges.get(edge).forward(states.get(j), scales.subList(edge * k, (edge + 1) * k), pass);
        // In place: an edge's sum is made by MixedOp and needed by no backward pass.
        node = node == null ? out : node.addi(out);
        edge++;
      }
      states.add(node);
    }
    return ChannelConcat.of(states.subList(2, states.size()), replicas);
  }

  /**
   * Every (edge, op) weight as its own array, row-major, from one split: one split backward instead
   * of an index backward per weight. [E, K] gives [1] scalars; with stacked replicas [replicas, E,
   * K] gives [1, replicas * C, 1, 1], one multiplier per channel.
   */
  private List<NDArray> mixingWeights(NDArray weights) {
    Shape s = weights.getShape();
    if (replicas == 1) {
      return weights.reshape(s.size()).split(s.size());
    }
    long edgesTimesOps = s.get(1) * s.get(2);
    return weights
        .transpose(1, 2, 0)
        .expandDims(3)
        .repeat(3, channels)
        .reshape(edgesTimesOps, (long) replicas * channels, 1, 1)
        .split(edgesTimesOps);
  }
}
