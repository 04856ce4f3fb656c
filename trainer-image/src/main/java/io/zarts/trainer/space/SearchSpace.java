package io.zarts.trainer.space;

import static io.zarts.trainer.space.Primitive.AVG_POOL_3X3;
import static io.zarts.trainer.space.Primitive.DIL_CONV_3X3;
import static io.zarts.trainer.space.Primitive.DIL_CONV_5X5;
import static io.zarts.trainer.space.Primitive.MAX_POOL_3X3;
import static io.zarts.trainer.space.Primitive.NOISE;
import static io.zarts.trainer.space.Primitive.NONE;
import static io.zarts.trainer.space.Primitive.SEP_CONV_3X3;
import static io.zarts.trainer.space.Primitive.SEP_CONV_5X5;
import static io.zarts.trainer.space.Primitive.SKIP_CONNECT;

import io.zarts.api.v1alpha1.SearchSpaceName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * Per-edge operation lists of the normal and the reduction cell, for a named space and node count.
 */
public record SearchSpace(SearchSpaceName name, int nodes, CellSpace normal, CellSpace reduce) {

  /** The 8 DARTS operations in the reference's PRIMITIVES order. */
  public static final List<Primitive> DARTS_OPS =
      List.of(
          NONE,
          MAX_POOL_3X3,
          AVG_POOL_3X3,
          SKIP_CONNECT,
          SEP_CONV_3X3,
          SEP_CONV_5X5,
          DIL_CONV_3X3,
          DIL_CONV_5X5);

  /** ZARTS's 's6': the DARTS operations without none. */
  public static final List<Primitive> DARTS_NO_NONE_OPS = DARTS_OPS.subList(1, DARTS_OPS.size());

  /** RobustDARTS S1 normal cell, edges e0..e13, order within a pair as in spaces.py. */
  private static final List<List<Primitive>> S1_NORMAL =
      List.of(
          List.of(SKIP_CONNECT, DIL_CONV_3X3), List.of(SKIP_CONNECT, DIL_CONV_5X5),
          List.of(SKIP_CONNECT, DIL_CONV_5X5), List.of(SKIP_CONNECT, SEP_CONV_3X3),
          List.of(SKIP_CONNECT, DIL_CONV_3X3), List.of(MAX_POOL_3X3, SKIP_CONNECT),
          List.of(SKIP_CONNECT, SEP_CONV_3X3), List.of(SKIP_CONNECT, SEP_CONV_3X3),
          List.of(SKIP_CONNECT, DIL_CONV_3X3), List.of(SKIP_CONNECT, SEP_CONV_3X3),
          List.of(MAX_POOL_3X3, SKIP_CONNECT), List.of(SKIP_CONNECT, DIL_CONV_3X3),
          List.of(DIL_CONV_3X3, DIL_CONV_5X5), List.of(DIL_CONV_3X3, DIL_CONV_5X5));

  private static final List<List<Primitive>> S1_REDUCE =
      List.of(
          List.of(MAX_POOL_3X3, AVG_POOL_3X3), List.of(MAX_POOL_3X3, DIL_CONV_3X3),
          List.of(MAX_POOL_3X3, AVG_POOL_3X3), List.of(MAX_POOL_3X3, AVG_POOL_3X3),
          List.of(SKIP_CONNECT, DIL_CONV_5X5), List.of(MAX_POOL_3X3, AVG_POOL_3X3),
          List.of(MAX_POOL_3X3, SEP_CONV_3X3), List.of(SKIP_CONNECT, DIL_CONV_3X3),
          List.of(SKIP_CONNECT, DIL_CONV_5X5), List.of(MAX_POOL_3X3, AVG_POOL_3X3),
          List.of(MAX_POOL_3X3, AVG_POOL_3X3), List.of(SKIP_CONNECT, DIL_CONV_5X5),
          List.of(SKIP_CONNECT, DIL_CONV_5X5), List.of(SKIP_CONNECT, DIL_CONV_5X5));

  /** Builds the space; the RobustDARTS spaces exist only for 4 nodes (the CRD enforces it). */
  public static SearchSpace of(SearchSpaceName name, int nodes) {
    int edges = edgesFor(nodes);
    return switch (name) {
      case DARTS -> same(name, nodes, edges, DARTS_OPS);
      case DARTS_NO_NONE -> same(name, nodes, edges, DARTS_NO_NONE_OPS);
      case S1 -> {
        requireFourNodes(name, nodes);
        yield new SearchSpace(name, nodes, new CellSpace(S1_NORMAL), new CellSpace(S1_REDUCE));
      }
      case S2 ->
          same(name, requireFourNodes(name, nodes), edges, List.of(SKIP_CONNECT, SEP_CONV_3X3));
      case S3 ->
          same(
              name,
              requireFourNodes(name, nodes),
              edges,
              List.of(NONE, SKIP_CONNECT, SEP_CONV_3X3));
      case S4 -> same(name, requireFourNodes(name, nodes), edges, List.of(NOISE, SEP_CONV_3X3));
    };
  }

  /** Edges of a cell with the given number of intermediate nodes: node i has i + 2 inputs. */
  public static int edgesFor(int nodes) {
    return nodes * (nodes + 3) / 2;
  }

  /** The first edge index of node i. */
  public static int firstEdgeOf(int node) {
    return node * (node + 3) / 2;
  }

  private static SearchSpace same(SearchSpaceName name, int nodes, int edges, List<Primitive> ops) {
    List<List<Primitive>> perEdge = new ArrayList<>(Collections.nCopies(edges, ops));
    CellSpace cell = new CellSpace(perEdge);
    return new SearchSpace(name, nodes, cell, cell);
  }

  private static int requireFourNodes(SearchSpaceName name, int nodes) {
    if (nodes != 4) {
      throw new IllegalArgumentException(
          "search space " + name + " defines its operations for 4 nodes, not " + nodes);
    }
    return nodes;
  }

  public CellSpace cell(boolean reduction) {
    return reduction ? reduce : normal;
  }

  /** Whether any edge of either cell type offers the primitive. */
  public boolean uses(Primitive primitive) {
    return Stream.of(normal, reduce)
        .anyMatch(c -> c.edgeOps().stream().anyMatch(ops -> ops.contains(primitive)));
  }
}
