package io.zarts.trainer.output;

import io.zarts.trainer.space.CellSpace;
import io.zarts.trainer.space.Primitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * softmax(alpha) as a readable document: for each edge of each cell type, the weight of every
 * operation.
 */
public final class AlphaReport {

  private AlphaReport() {}

  public static Map<String, Object> of(
      int epoch,
      String space,
      CellSpace normalSpace,
      double[][] normal,
      CellSpace reduceSpace,
      double[][] reduce) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("epoch", epoch);
    doc.put("searchSpace", space);
    doc.put("normal", cell(normalSpace, normal));
    doc.put("reduce", cell(reduceSpace, reduce));
    return doc;
  }

  private static List<Map<String, Double>> cell(CellSpace space, double[][] weights) {
    List<Map<String, Double>> edges = new ArrayList<>();
    for (int e = 0; e < weights.length; e++) {
      Map<String, Double> edge = new LinkedHashMap<>();
      List<Primitive> ops = space.ops(e);
      for (int k = 0; k < ops.size(); k++) {
        edge.put(ops.get(k).opName(), round(weights[e][k]));
      }
      edges.add(edge);
    }
    return edges;
  }

  /** Four significant decimals keep the files and the status small. */
  public static double round(double value) {
    return Math.round(value * 1e4) / 1e4;
  }

  /** The same matrix rounded, for the progress report. */
  public static List<List<Double>> rounded(double[][] weights) {
    List<List<Double>> rows = new ArrayList<>();
    for (double[] row : weights) {
      List<Double> r = new ArrayList<>();
      for (double w : row) {
        r.add(round(w));
      }
      rows.add(r);
    }
    return rows;
  }
}
