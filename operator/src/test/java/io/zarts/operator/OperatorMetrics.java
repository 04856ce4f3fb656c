package io.zarts.operator;

import io.restassured.RestAssured;

/** Reads the operator's own Prometheus endpoint in tests (not a Kubernetes request). */
public final class OperatorMetrics {

  private OperatorMetrics() {}

  /** zarts_operator_reconciles_total: reconcile passes run so far. */
  public static double reconciles() {
    return RestAssured.get("/q/metrics")
        .asString()
        .lines()
        .filter(l -> l.startsWith("zarts_operator_reconciles_total"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
