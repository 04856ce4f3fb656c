package io.zarts.operator.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shipped Grafana dashboard's panels and PromQL, and the metric names an expression uses. */
public final class Dashboard {

  /** One query of one panel. */
  /** One query of a panel, with the title of the row the panel is in. */
  public record Query(String row, String panel, String legend, String expr) {}

  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> PROMQL_WORDS =
      Set.of(
          "sum",
          "max",
          "min",
          "avg",
          "count",
          "by",
          "without",
          "on",
          "ignoring",
          "unless",
          "and",
          "or",
          "rate",
          "increase",
          "delta",
          "changes",
          "time",
          "histogram_quantile",
          "topk",
          "bottomk",
          "label_replace",
          "offset",
          "bool",
          "group_left",
          "group_right",
          "le",
          "inf");

  private Dashboard() {}

  public static JsonNode load() {
    try {
      return new ObjectMapper()
          .readTree(RenderedChart.CHART.resolve("files/zarts-dashboard.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<Query> queries(JsonNode dashboard) {
    List<Query> out = new ArrayList<>();
    String row = "";
    for (JsonNode panel : dashboard.path("panels")) {
      if ("row".equals(panel.path("type").asText())) {
        row = panel.path("title").asText();
      }
      for (JsonNode t : panel.path("targets")) {
        out.add(
            new Query(
                row,
                panel.path("title").asText(),
                t.path("legendFormat").asText(),
                t.path("expr").asText()));
      }
    }
    return out;
  }

  /** The expression as Prometheus can run it: Grafana's variables replaced by match-all values. */
  public static String runnable(String expr, String rateInterval) {
    return expr.replace("$__rate_interval", rateInterval)
        .replace("$namespace", ".*")
        .replace("$search", ".*");
  }

  /**
   * Metric names in an expression: identifiers outside strings, label matchers, by/on lists and
   * range brackets, that are not PromQL functions or keywords.
   */
  public static Set<String> metricNames(String expr) {
    String stripped =
        expr.replaceAll("\"[^\"]*\"", "\"\"")
            .replaceAll("\\{[^}]*}", "")
            .replaceAll("\\[[^]]*]", "")
            .replaceAll("(by|on|without|ignoring)\\s*\\([^)]*\\)", "");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(stripped);
    while (m.find()) {
      String word = m.group();
      boolean number = m.start() > 0 && Character.isDigit(stripped.charAt(m.start() - 1));
      if (!PROMQL_WORDS.contains(word.toLowerCase()) && !number && !word.matches("[smhd]")) {
        names.add(word);
      }
    }
    return names;
  }
}
