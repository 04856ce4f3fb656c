package io.zarts.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.zarts.trainer.space.CellSpace;
import io.zarts.trainer.space.SearchSpace;
import io.zarts.trainer.util.Rng;
import java.util.List;

/**
 * The architecture parameters: one [edges, K] matrix per cell type, initialised to 1e-3 * N(0, 1)
 * as the reference. They are not network weights: no weight optimizer or weight decay touches them.
 */
public final class Alphas {

  private static final double INIT_SCALE = 1e-3;

  private final SearchSpace space;
  private final NDArray normal;
  private final NDArray reduce;

  public Alphas(SearchSpace space, NDManager manager, Rng rng) {
    this.space = space;
    this.normal = init(space.normal(), manager, rng, "alphas_normal");
    this.reduce = init(space.reduce(), manager, rng, "alphas_reduce");
  }

  private static NDArray init(CellSpace cell, NDManager manager, Rng rng, String name) {
    int k = cell.maxOps();
    for (int e = 0; e < cell.edges(); e++) {
      if (cell.ops(e).size() != k) {
        throw new IllegalArgumentException("every edge of a cell needs the same number of ops");
      }
    }
    NDArray a =
        manager.create(rng.normal(cell.edges() * k, 0, INIT_SCALE), new Shape(cell.edges(), k));
    a.setName(name);
    a.setRequiresGradient(true);
    return a;
  }

  public SearchSpace space() {
    return space;
  }

  public NDArray normal() {
    return normal;
  }

  public NDArray reduce() {
    return reduce;
  }

  public List<NDArray> both() {
    return List.of(normal, reduce);
  }

  /**
   * Sets the alphas to base + offset, with base given per cell type and offset flat (normal cell
   * first, then the reduction cell); a null offset restores base itself.
   */
  public void set(float[] normalBase, float[] reduceBase, double[] offset) {
    normal.set(offset == null ? normalBase : shifted(normalBase, offset, 0));
    reduce.set(offset == null ? reduceBase : shifted(reduceBase, offset, normalBase.length));
  }

  /**
   * One cell type's base + its part of a flat offset (starting at start), rounded to float: the one
   * definition of a candidate's alphas, for the model's own alphas and for stacked candidate
   * evaluation alike.
   */
  public static float[] shifted(float[] base, double[] offset, int start) {
    float[] out = new float[base.length];
    for (int i = 0; i < base.length; i++) {
      out[i] = (float) (base[i] + offset[start + i]);
    }
    return out;
  }

  /** softmax over each edge's ops, as a Java matrix (for genotypes, reports and status). */
  public static double[][] softmaxRows(float[] values, int edges, int ops) {
    double[][] out = new double[edges][ops];
    for (int e = 0; e < edges; e++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < ops; k++) {
        max = Math.max(max, values[e * ops + k]);
      }
      double sum = 0;
      for (int k = 0; k < ops; k++) {
        out[e][k] = Math.exp(values[e * ops + k] - max);
        sum += out[e][k];
      }
      for (int k = 0; k < ops; k++) {
        out[e][k] /= sum;
      }
    }
    return out;
  }

  public double[][] normalWeights() {
    return softmaxRows(normal.toFloatArray(), space.normal().edges(), space.normal().maxOps());
  }

  public double[][] reduceWeights() {
    return softmaxRows(reduce.toFloatArray(), space.reduce().edges(), space.reduce().maxOps());
  }
}
