package io.zarts.trainer.output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The Markdown tables of a strategy comparison: one line per run, and mean ± std per algorithm. */
public final class ComparisonTable {

  private ComparisonTable() {}

  public static String runHeader() {
    return "| group | space | algorithm | seed | final valid acc | test acc | parameters | search s |"
        + " alpha updates | s per alpha update | mean step norm | alpha spread |"
        + " parameter-free normal edges | genotype (normal cell) |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  }

  public static String runLine(ComparisonRow r) {
    return String.format(
        Locale.ROOT,
        "| %s | %s | %s | %d | %.4f | %s | %s | %.1f | %d | %.3f | %.2e | %.4f | %d of %d | `%s` |%n",
        r.group(),
        r.space(),
        r.algorithm(),
        r.seed(),
        r.finalValidAccuracy(),
        r.testAccuracy() == null ? "n/a" : String.format(Locale.ROOT, "%.4f", r.testAccuracy()),
        r.parameters() == null ? "n/a" : String.format(Locale.ROOT, "%,d", r.parameters()),
        r.searchSeconds(),
        r.alphaUpdates(),
        r.secondsPerAlphaUpdate(),
        r.meanStepNorm(),
        r.alphaSpread(),
        r.parameterFreeNormal(),
        r.normalEdges(),
        normalCell(r.genotype()));
  }

  /** Mean ± sample standard deviation per (group, space, algorithm), in the order first seen. */
  public static String summary(List<ComparisonRow> rows) {
    Map<String, List<ComparisonRow>> groups = new LinkedHashMap<>();
    for (ComparisonRow r : rows) {
      groups
          .computeIfAbsent(
              r.group() + "|" + r.space() + "|" + r.algorithm(), k -> new ArrayList<>())
          .add(r);
    }
    StringBuilder out =
        new StringBuilder(
            "| group | space | algorithm | runs | test acc | final valid acc | parameters | search"
                + " s | s per alpha update | mean step norm | alpha spread | parameter-free normal"
                + " edges |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (List<ComparisonRow> g : groups.values()) {
      ComparisonRow first = g.get(0);
      boolean evaluated = g.stream().allMatch(r -> r.testAccuracy() != null);
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s |%n",
              first.group(),
              first.space(),
              first.algorithm(),
              g.size(),
              evaluated ? meanStd(g, ComparisonRow::testAccuracy, "%.4f") : "n/a",
              meanStd(g, ComparisonRow::finalValidAccuracy, "%.4f"),
              evaluated
                  ? String.format(Locale.ROOT, "%,.0f", mean(g, r -> r.parameters().doubleValue()))
                  : "n/a",
              meanStd(g, ComparisonRow::searchSeconds, "%.0f"),
              meanStd(g, ComparisonRow::secondsPerAlphaUpdate, "%.3f"),
              String.format(Locale.ROOT, "%.2e", mean(g, ComparisonRow::meanStepNorm)),
              meanStd(g, ComparisonRow::alphaSpread, "%.4f"),
              meanStd(g, r -> r.parameterFreeNormal(), "%.1f") + " of " + first.normalEdges()));
    }
    return out.toString();
  }

  static String meanStd(List<ComparisonRow> g, ToDoubleFunction<ComparisonRow> f, String format) {
    double mean = mean(g, f);
    double squares = 0;
    for (ComparisonRow r : g) {
      double d = f.applyAsDouble(r) - mean;
      squares += d * d;
    }
    double std = g.size() < 2 ? 0 : Math.sqrt(squares / (g.size() - 1));
    return String.format(Locale.ROOT, format + " ± " + format, mean, std);
  }

  static double mean(List<ComparisonRow> g, ToDoubleFunction<ComparisonRow> f) {
    return g.stream().mapToDouble(f).average().orElse(Double.NaN);
  }

  /** The normal cell's part of the DARTS text form, for a narrow column. */
  private static String normalCell(String genotype) {
    int start = genotype.indexOf("normal=");
    int end = genotype.indexOf(", normal_concat");
    return start < 0 || end < 0 ? genotype : genotype.substring(start + 7, end);
  }
}
