package io.zarts.trainer.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.zarts.trainer.space.CellSpace;
import io.zarts.trainer.space.Primitive;
import io.zarts.trainer.space.SearchSpace;
import java.util.List;

/**
 * zarts_trainer_alpha{cell, edge, op}: softmax(alpha) of every operation on every edge, so a
 * dashboard can show which operation leads on each edge as the search goes. One series per
 * operation the search space offers on an edge (2 x 14 x 8 = 224 at most for the DARTS space):
 * bounded by the space, never by epochs. NaN until the first epoch of this process ends.
 */
final class AlphaWeightGauges {

  static final String NAME = "zarts.trainer.alpha";

  /** Both cells' weights of one moment, replaced together so a scrape never mixes two epochs. */
  private record Weights(double[][] normal, double[][] reduce) {}

  private volatile Weights latest;

  AlphaWeightGauges(MeterRegistry registry, SearchSpace space) {
    register(registry, "normal", space.normal(), false);
    register(registry, "reduce", space.reduce(), true);
  }

  /** The softmax weights of one epoch's end, rows per edge, columns in the space's op order. */
  void update(double[][] normalWeights, double[][] reduceWeights) {
    latest = new Weights(normalWeights, reduceWeights);
  }

  private void register(MeterRegistry registry, String cell, CellSpace space, boolean reduction) {
    for (int e = 0; e < space.edges(); e++) {
      List<Primitive> ops = space.ops(e);
      for (int k = 0; k < ops.size(); k++) {
        int edge = e;
        int column = k;
        // The gauge holds this object weakly; TrainerMetrics keeps it alive.
        Gauge.builder(NAME, this, g -> g.weight(reduction, edge, column))
            .tag("cell", cell)
            .tag("edge", Integer.toString(edge))
            .tag("op", ops.get(k).opName())
            .description("Softmax weight of the operation on the edge (DARTS edge numbering)")
            .register(registry);
      }
    }
  }

  private double weight(boolean reduction, int edge, int column) {
    Weights now = latest;
    if (now == null) {
      return Double.NaN;
    }
    double[][] weights = reduction ? now.reduce() : now.normal();
    if (weights == null || edge >= weights.length || column >= weights[edge].length) {
      return Double.NaN;
    }
    return weights[edge][column];
  }
}
