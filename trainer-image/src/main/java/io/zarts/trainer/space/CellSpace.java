package io.zarts.trainer.space;

import java.util.List;

/**
 * The operations allowed on each edge of one cell type. Edge e of node i (0-based) connects input
 * state j (0 = c_{k-2}, 1 = c_{k-1}, 2 + m = node m) in the DARTS order: node 0 takes edges 0-1,
 * node 1 edges 2-4, ...
 */
public record CellSpace(List<List<Primitive>> edgeOps) {

  public CellSpace {
    edgeOps = edgeOps.stream().map(List::copyOf).toList();
  }

  public int edges() {
    return edgeOps.size();
  }

  public List<Primitive> ops(int edge) {
    return edgeOps.get(edge);
  }

  /** The widest edge's op count: the column count of this cell type's alpha matrix. */
  public int maxOps() {
    return edgeOps.stream().mapToInt(List::size).max().orElse(0);
  }

  /** Whether every edge has the same op list (so alphas form a plain [edges, ops] matrix). */
  public boolean uniform() {
    return edgeOps.stream().distinct().count() <= 1;
  }
}
