package io.zarts.operator.config;

import java.util.Set;

/**
 * Which of the operator's per-search gauges are exported. Each search has up to eight series with
 * {@link #ALL}; a cluster of 10,000 searches then gives Prometheus 80,000 series from the operator
 * alone. {@link #ALERTS} keeps the two the chart's alerts read, {@link #NONE} only the per-phase
 * counts (zarts_searches) and the reconcile counters.
 */
public enum PerSearchSeries {
  ALL,
  ALERTS,
  NONE;

  /** The gauges (Micrometer names) the chart's PrometheusRule reads. */
  private static final Set<String> READ_BY_ALERTS =
      Set.of("zarts.search.phase", "zarts.search.trainer.attempts");

  /** Whether the per-search gauge of that name is exported. */
  public boolean exports(String gauge) {
    return switch (this) {
      case ALL -> true;
      case ALERTS -> READ_BY_ALERTS.contains(gauge);
      case NONE -> false;
    };
  }
}
