package io.zarts.operator.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.zarts.operator.chart.Dashboard;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The dashboard's main panels drawn from Prometheus range queries into one PNG (JFreeChart), so a
 * person can look at what the panels show for a real search. x: seconds since the search started.
 */
final class DashboardPlots {

  static final List<String> PANELS =
      List.of(
          "Epoch",
          "Loss (train / validation)",
          "Accuracy (train / validation / best)",
          "Alpha entropy",
          "Weight step time (p50 / p95)",
          "Alpha update and candidate evaluation (mean)",
          "Evaluation progress",
          "Evaluation loss and accuracy (train / test)");
  private static final Pattern LABEL = Pattern.compile("\\{\\{(\\w+)}}");
  private static final int WIDTH = 640;
  private static final int HEIGHT = 320;

  private DashboardPlots() {}

  static void render(
      PrometheusServer prometheus, JsonNode dashboard, Instant from, Instant to, Path png)
      throws Exception {
    System.setProperty("java.awt.headless", "true");
    int rows = (PANELS.size() + 1) / 2;
    BufferedImage image = new BufferedImage(2 * WIDTH, rows * HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    List<Dashboard.Query> queries = Dashboard.queries(dashboard);
    for (int i = 0; i < PANELS.size(); i++) {
      String panel = PANELS.get(i);
      XYSeriesCollection data = new XYSeriesCollection();
      for (Dashboard.Query q : queries) {
        if (!q.panel().equals(panel)) {
          continue;
        }
        JsonNode result =
            prometheus
                .queryRange(Dashboard.runnable(q.expr(), "10s"), from, to, Duration.ofSeconds(1))
                .path("result");
        for (JsonNode series : result) {
          XYSeries s = new XYSeries(legend(q.legend(), series.path("metric")), false, true);
          for (JsonNode point : series.path("values")) {
            double value = Double.parseDouble(point.get(1).asText());
            if (Double.isFinite(value)) {
              s.add(point.get(0).asDouble() - from.getEpochSecond(), value);
            }
          }
          data.addSeries(s);
        }
      }
      JFreeChart chart =
          ChartFactory.createXYLineChart(
              panel,
              "seconds since the search started",
              null,
              data,
              PlotOrientation.VERTICAL,
              true,
              false,
              false);
      chart.draw(g, new Rectangle((i % 2) * WIDTH, (i / 2) * HEIGHT, WIDTH, HEIGHT));
    }
    g.dispose();
    Files.createDirectories(png.getParent());
    ImageIO.write(image, "png", png.toFile());
  }

  private static String legend(String format, JsonNode labels) {
    Matcher m = LABEL.matcher(format);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(labels.path(m.group(1)).asText()));
    }
    m.appendTail(out);
    return out.toString();
  }
}
