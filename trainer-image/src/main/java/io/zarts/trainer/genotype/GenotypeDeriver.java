package io.zarts.trainer.genotype;

import io.zarts.api.genotype.Gene;
import io.zarts.api.genotype.Genotype;
import io.zarts.trainer.space.CellSpace;
import io.zarts.trainer.space.Primitive;
import io.zarts.trainer.space.SearchSpace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The discrete architecture of softmax(alpha), as DARTS derives it (docs/algorithms.md §1.4): per
 * node, the two incoming edges with the strongest non-'none' operation (a stable sort, so ties keep
 * the lower input), and on each the strongest non-'none' operation (the first one on ties).
 * Per-edge op lists (RobustDARTS S1) are looked up by the global edge index.
 */
public final class GenotypeDeriver {

  private static final int EDGES_PER_NODE = 2;

  private GenotypeDeriver() {}

  public static Genotype derive(
      SearchSpace space, double[][] normalWeights, double[][] reduceWeights) {
    List<Integer> concat = IntStream.range(2, 2 + space.nodes()).boxed().toList();
    return new Genotype(
        cell(space.normal(), space.nodes(), normalWeights),
        concat,
        cell(space.reduce(), space.nodes(), reduceWeights),
        concat);
  }

  static List<Gene> cell(CellSpace cell, int nodes, double[][] weights) {
    List<Gene> genes = new ArrayList<>();
    for (int node = 0; node < nodes; node++) {
      int first = SearchSpace.firstEdgeOf(node);
      int inputs = node + 2;
      List<Integer> chosen =
          IntStream.range(0, inputs)
              .boxed()
              .sorted(
                  Comparator.comparingDouble(
                      (Integer j) -> -strength(cell.ops(first + j), weights[first + j])))
              .limit(EDGES_PER_NODE)
              .toList();
      for (int j : chosen) {
        int edge = first + j;
        genes.add(new Gene(cell.ops(edge).get(bestOp(cell.ops(edge), weights[edge])).opName(), j));
      }
    }
    return genes;
  }

  /** The edge's strongest weight among its non-'none' ops (all ops if it has no 'none'). */
  static double strength(List<Primitive> ops, double[] w) {
    return w[bestOp(ops, w)];
  }

  static int bestOp(List<Primitive> ops, double[] w) {
    int best = -1;
    for (int k = 0; k < ops.size(); k++) {
      if (ops.get(k) != Primitive.NONE && (best < 0 || w[k] > w[best])) {
        best = k;
      }
    }
    if (best < 0) {
      throw new IllegalStateException("an edge whose only operation is 'none' has no genotype");
    }
    return best;
  }
}
