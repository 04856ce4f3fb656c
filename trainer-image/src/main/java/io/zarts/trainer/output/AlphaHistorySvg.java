package io.zarts.trainer.output;

import io.zarts.trainer.space.SearchSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws an {@link AlphaHistory} as small multiples: one line chart per edge (the normal cell's
 * edges, then the reduction cell's), a line per operation over the epochs, one legend of operations
 * for all charts. Every chart shares the same weight axis so edges compare at a glance; the axis
 * spans the weights seen, not 0 to 1, because early in a search they all sit near 1/ops. Each chart
 * is a {@code <g class="edge-chart">}, each line a {@code <polyline class="op-line">}.
 */
public final class AlphaHistorySvg {

  private static final int COLUMNS = 7;
  private static final int CHART_WIDTH = 150;
  private static final int CHART_HEIGHT = 110;
  private static final int GAP = 12;
  private static final int MARGIN = 20;
  private static final int PLOT_LEFT = 34;
  private static final int PLOT_TOP = 18;
  private static final int PLOT_RIGHT = 6;
  private static final int PLOT_BOTTOM = 16;
  private static final int LEGEND_ITEM_WIDTH = 130;

  /**
   * Distinct hues for lines that cross (Tableau 10); the genotype picture's families would blur.
   */
  private static final List<String> PALETTE =
      List.of(
          "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
          "#bcbd22", "#17becf");

  private final AlphaHistory history;
  private final Map<String, String> colours = new LinkedHashMap<>();
  private final double low;
  private final double high;
  private final StringBuilder svg = new StringBuilder();

  private AlphaHistorySvg(AlphaHistory history) {
    this.history = history;
    for (List<AlphaHistory.Edge> cell : List.of(history.normal(), history.reduce())) {
      for (AlphaHistory.Edge edge : cell) {
        for (String op : edge.weights().keySet()) {
          colours.computeIfAbsent(op, k -> PALETTE.get(colours.size() % PALETTE.size()));
        }
      }
    }
    double[] range = weightRange(history);
    low = range[0];
    high = range[1];
  }

  public static String render(AlphaHistory history, String title) {
    return new AlphaHistorySvg(history).draw(title);
  }

  private String draw(String title) {
    int chartsWidth = COLUMNS * CHART_WIDTH + (COLUMNS - 1) * GAP;
    int perRow = legendItemsPerRow(chartsWidth);
    int legendRows = (colours.size() + perRow - 1) / perRow;
    int top = 46 + 22 * legendRows;
    int normalHeight = sectionHeight(history.normal().size());
    int reduceHeight = sectionHeight(history.reduce().size());
    int width = 2 * MARGIN + chartsWidth;
    int height = top + normalHeight + reduceHeight + MARGIN;
    svg.append(
        format(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"Helvetica, Arial, sans-serif\">%n",
            width, height, width, height));
    svg.append(format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
    svg.append(
        format(
            "<text x=\"%d\" y=\"28\" font-size=\"18\" font-weight=\"bold\">%s</text>%n",
            MARGIN, escape(title)));
    legend(chartsWidth);
    section("normal", "normal cell", history.normal(), top);
    section("reduce", "reduction cell", history.reduce(), top + normalHeight);
    svg.append("</svg>\n");
    return svg.toString();
  }

  private void legend(int chartsWidth) {
    int perRow = legendItemsPerRow(chartsWidth);
    int i = 0;
    svg.append("<g class=\"legend\">\n");
    for (Map.Entry<String, String> op : colours.entrySet()) {
      int x = MARGIN + (i % perRow) * LEGEND_ITEM_WIDTH;
      int y = 50 + (i / perRow) * 22;
      svg.append(
          format(
              "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>%n",
              x, y - 4, x + 22, y - 4, op.getValue()));
      svg.append(
          format(
              "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>%n",
              x + 28, y, escape(op.getKey())));
      i++;
    }
    svg.append("</g>\n");
  }

  private static int legendItemsPerRow(int chartsWidth) {
    return Math.max(1, chartsWidth / LEGEND_ITEM_WIDTH);
  }

  private static int sectionHeight(int edges) {
    int rows = (edges + COLUMNS - 1) / COLUMNS;
    return 26 + rows * (CHART_HEIGHT + GAP);
  }

  private void section(String cell, String name, List<AlphaHistory.Edge> edges, int top) {
    svg.append(
        format(
            "<text x=\"%d\" y=\"%d\" font-size=\"15\" fill=\"#333\">%s</text>%n",
            MARGIN, top + 16, name));
    for (int i = 0; i < edges.size(); i++) {
      int x = MARGIN + (i % COLUMNS) * (CHART_WIDTH + GAP);
      int y = top + 26 + (i / COLUMNS) * (CHART_HEIGHT + GAP);
      chart(cell, edges.get(i), x, y);
    }
  }

  private void chart(String cell, AlphaHistory.Edge edge, int x, int y) {
    int plotWidth = CHART_WIDTH - PLOT_LEFT - PLOT_RIGHT;
    int plotHeight = CHART_HEIGHT - PLOT_TOP - PLOT_BOTTOM;
    List<Integer> epochs = history.epochs();
    svg.append(
        format(
            "<g class=\"edge-chart\" id=\"%s-e%d\" transform=\"translate(%d %d)\">%n",
            cell, edge.index(), x, y));
    svg.append(
        format(
            "<text x=\"%d\" y=\"12\" font-size=\"11\" fill=\"#333\">%s</text>%n",
            PLOT_LEFT, edgeName(edge.index())));
    svg.append(
        format(
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fafafa\" stroke=\"#ccc\"/>%n",
            PLOT_LEFT, PLOT_TOP, plotWidth, plotHeight));
    // The uniform weight, where the alphas start: lines above it gained, lines below it lost.
    int ops = edge.weights().size();
    if (ops > 0 && 1.0 / ops > low && 1.0 / ops < high) {
      double uniform = yOf(1.0 / ops, plotHeight);
      svg.append(
          format(
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#bbb\""
                  + " stroke-dasharray=\"3 3\"/>%n",
              PLOT_LEFT, uniform, PLOT_LEFT + plotWidth, uniform));
    }
    axisLabels(plotWidth, plotHeight, epochs);
    String leader = leaderAtTheEnd(edge);
    for (Map.Entry<String, double[]> op : edge.weights().entrySet()) {
      List<String> points = new ArrayList<>();
      double[] values = op.getValue();
      for (int i = 0; i < values.length; i++) {
        if (Double.isFinite(values[i])) {
          points.add(
              format("%.1f,%.1f", PLOT_LEFT + xOf(i, plotWidth), yOf(values[i], plotHeight)));
        }
      }
      // Round caps draw a lone point (a one-epoch history) as a dot.
      svg.append(
          format(
              "<polyline class=\"op-line\" data-op=\"%s\" fill=\"none\" stroke=\"%s\""
                  + " stroke-width=\"%s\" stroke-linecap=\"round\" stroke-linejoin=\"round\""
                  + " points=\"%s\"/>%n",
              escape(op.getKey()),
              colours.get(op.getKey()),
              op.getKey().equals(leader) ? "2.5" : "1.2",
              String.join(" ", points)));
    }
    svg.append("</g>\n");
  }

  private void axisLabels(int plotWidth, int plotHeight, List<Integer> epochs) {
    svg.append(
        format(
            "<text x=\"%d\" y=\"%d\" font-size=\"9\" text-anchor=\"end\" fill=\"#666\">%.2f</text>%n",
            PLOT_LEFT - 3, PLOT_TOP + 8, high));
    svg.append(
        format(
            "<text x=\"%d\" y=\"%d\" font-size=\"9\" text-anchor=\"end\" fill=\"#666\">%.2f</text>%n",
            PLOT_LEFT - 3, PLOT_TOP + plotHeight, low));
    int below = PLOT_TOP + plotHeight + 11;
    svg.append(
        format(
            "<text x=\"%d\" y=\"%d\" font-size=\"9\" fill=\"#666\">%d</text>%n",
            PLOT_LEFT, below, epochs.get(0)));
    if (epochs.size() > 1) {
      svg.append(
          format(
              "<text x=\"%d\" y=\"%d\" font-size=\"9\" text-anchor=\"end\" fill=\"#666\">epoch"
                  + " %d</text>%n",
              PLOT_LEFT + plotWidth, below, epochs.get(epochs.size() - 1)));
    }
  }

  /** The operation with the highest weight in the last epoch: its line is drawn thicker. */
  private static String leaderAtTheEnd(AlphaHistory.Edge edge) {
    String leader = null;
    double best = Double.NEGATIVE_INFINITY;
    for (Map.Entry<String, double[]> op : edge.weights().entrySet()) {
      double[] values = op.getValue();
      double last = values[values.length - 1];
      if (last > best) {
        best = last;
        leader = op.getKey();
      }
    }
    return leader;
  }

  /** Epochs are evenly spaced in the history (one folder each), so x follows the index. */
  private double xOf(int index, int plotWidth) {
    int count = history.epochs().size();
    return count == 1 ? plotWidth / 2.0 : (double) index / (count - 1) * plotWidth;
  }

  private double yOf(double weight, int plotHeight) {
    return PLOT_TOP + (high - weight) / (high - low) * plotHeight;
  }

  /** "e5: c_{k-1} -> 2": the edge, the state it reads and the node it feeds. */
  private static String edgeName(int edge) {
    int node = 0;
    while (SearchSpace.firstEdgeOf(node + 1) <= edge) {
      node++;
    }
    int input = edge - SearchSpace.firstEdgeOf(node);
    String from = input == 0 ? "c_{k-2}" : input == 1 ? "c_{k-1}" : Integer.toString(input - 2);
    return "e" + edge + ": " + from + " &#8594; " + node;
  }

  /** The weights seen, widened outward to steps of 0.05 and at least 0.05 wide, within [0, 1]. */
  private static double[] weightRange(AlphaHistory history) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (List<AlphaHistory.Edge> cell : List.of(history.normal(), history.reduce())) {
      for (AlphaHistory.Edge edge : cell) {
        for (double[] values : edge.weights().values()) {
          for (double v : values) {
            if (Double.isFinite(v)) {
              min = Math.min(min, v);
              max = Math.max(max, v);
            }
          }
        }
      }
    }
    if (min > max) {
      return new double[] {0, 1};
    }
    double low = Math.max(0, Math.floor(min * 20) / 20);
    double high = Math.min(1, Math.ceil(max * 20) / 20);
    if (high - low < 0.05) {
      high = Math.min(1, low + 0.05);
      low = high - 0.05;
    }
    return new double[] {low, high};
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
