package io.zarts.trainer.genotype;

import io.zarts.api.genotype.Gene;
import io.zarts.api.genotype.Genotype;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a genotype as an SVG picture: the normal and the reduction cell, each with its two inputs
 * on the left, the intermediate nodes in the middle, the concatenated output on the right, and
 * every chosen edge as a curve labelled with its operation.
 */
public final class GenotypeSvg {

  private static final int PANEL_HEIGHT = 300;
  private static final int NODE_GAP = 170;
  private static final int LEFT = 90;
  private static final Map<String, String> COLOURS =
      Map.of(
          "sep_conv_3x3",
          "#1f77b4",
          "sep_conv_5x5",
          "#17becf",
          "dil_conv_3x3",
          "#2ca02c",
          "dil_conv_5x5",
          "#98df8a",
          "skip_connect",
          "#7f7f7f",
          "max_pool_3x3",
          "#d62728",
          "avg_pool_3x3",
          "#ff7f0e",
          "noise",
          "#9467bd",
          "none",
          "#c7c7c7");

  private GenotypeSvg() {}

  public static String render(Genotype genotype, String title) {
    int nodes = Math.max(nodeCount(genotype.getNormal()), nodeCount(genotype.getReduce()));
    int width = LEFT + NODE_GAP * (nodes + 1) + 80;
    int height = 2 * PANEL_HEIGHT + 60;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"Helvetica, Arial, sans-serif\">%n",
            width,
            height,
            width,
            height));
    svg.append(
        String.format(
            Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
    svg.append(
        "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"34\" refY=\"5\" markerWidth=\"7\""
            + " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/>"
            + "</marker></defs>\n");
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"20\" y=\"30\" font-size=\"18\" font-weight=\"bold\">%s</text>%n",
            escape(title)));
    panel(svg, "normal cell", genotype.getNormal(), genotype.getNormalConcat(), 50);
    panel(
        svg, "reduction cell", genotype.getReduce(), genotype.getReduceConcat(), 50 + PANEL_HEIGHT);
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static void panel(
      StringBuilder svg, String name, List<Gene> genes, List<Integer> concat, int top) {
    int nodes = nodeCount(genes);
    int mid = top + PANEL_HEIGHT / 2;
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"20\" y=\"%d\" font-size=\"15\" fill=\"#333\">%s</text>%n",
            top + 20,
            name));
    int[][] positions = new int[nodes + 2][];
    positions[0] = new int[] {LEFT, mid - 100};
    positions[1] = new int[] {LEFT, mid + 100};
    for (int i = 0; i < nodes; i++) {
      positions[i + 2] = new int[] {LEFT + NODE_GAP * (i + 1), mid + (i % 2 == 0 ? -45 : 45)};
    }
    int[] output = {LEFT + NODE_GAP * (nodes + 1), mid};
    for (int state : concat) {
      if (state < positions.length) {
        int[] p = positions[state];
        svg.append(
            String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#bbb\""
                    + " stroke-dasharray=\"4 3\"/>%n",
                p[0],
                p[1],
                output[0],
                output[1]));
      }
    }
    for (int g = 0; g < genes.size(); g++) {
      Gene gene = genes.get(g);
      int node = g / 2 + 2;
      if (gene.getInput() >= positions.length || node >= positions.length) {
        continue;
      }
      edge(svg, positions[gene.getInput()], positions[node], gene.getOp(), g % 2 == 0 ? -1 : 1);
    }
    circle(svg, positions[0], "c_{k-2}", "#e8e8e8");
    circle(svg, positions[1], "c_{k-1}", "#e8e8e8");
    for (int i = 0; i < nodes; i++) {
      circle(svg, positions[i + 2], Integer.toString(i), "#fff3c4");
    }
    circle(svg, output, "c_{k}", "#d9ecff");
  }

  private static void edge(StringBuilder svg, int[] from, int[] to, String op, int side) {
    double mx = (from[0] + to[0]) / 2.0;
    double my = (from[1] + to[1]) / 2.0;
    double dx = to[0] - from[0];
    double dy = to[1] - from[1];
    double length = Math.max(1, Math.hypot(dx, dy));
    double bend = side * (18 + 0.12 * length);
    double cx = mx - dy / length * bend;
    double cy = my + dx / length * bend;
    String colour = COLOURS.getOrDefault(op, "#444");
    svg.append(
        String.format(
            Locale.ROOT,
            "<path d=\"M %d %d Q %.1f %.1f %d %d\" fill=\"none\" stroke=\"%s\""
                + " stroke-width=\"2\" marker-end=\"url(#arrow)\"/>%n",
            from[0],
            from[1],
            cx,
            cy,
            to[0],
            to[1],
            colour));
    double lx = 0.25 * from[0] + 0.5 * cx + 0.25 * to[0];
    double ly = 0.25 * from[1] + 0.5 * cy + 0.25 * to[1];
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\""
                + " fill=\"%s\" stroke=\"white\" stroke-width=\"3\" paint-order=\"stroke\">%s</text>%n",
            lx,
            ly - 3,
            colour,
            escape(op)));
  }

  private static void circle(StringBuilder svg, int[] at, String label, String fill) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<circle cx=\"%d\" cy=\"%d\" r=\"24\" fill=\"%s\" stroke=\"#333\"/>%n",
            at[0],
            at[1],
            fill));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s" + "</text>%n",
            at[0],
            at[1] + 4,
            escape(label)));
  }

  private static int nodeCount(List<Gene> genes) {
    return (genes.size() + 1) / 2;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
