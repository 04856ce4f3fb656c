package io.zarts.operator.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.zarts.operator.chart.RenderedChart;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus scrape configuration that the chart's ServiceMonitor and PodMonitor imply, with
 * static targets in place of Kubernetes service discovery: the monitors' paths and honorLabels, and
 * the target labels (namespace, pod, container, service) the Prometheus Operator's relabelling
 * adds. Scrapes every second for the test.
 */
final class ScrapeConfig {

  private ScrapeConfig() {}

  static String fromMonitors(
      RenderedChart chart,
      String operatorTarget,
      String trainerTarget,
      String trainerNamespace,
      String trainerPod) {
    JsonNode serviceMonitor = chart.one("ServiceMonitor");
    JsonNode service = chart.one("Service");
    JsonNode podMonitor = chart.one("PodMonitor");
    JsonNode operatorEndpoint = serviceMonitor.at("/spec/endpoints/0");
    JsonNode trainerEndpoint = podMonitor.at("/spec/podMetricsEndpoints/0");
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("global", Map.of("scrape_interval", "1s", "evaluation_interval", "1s"));
    config.put(
        "scrape_configs",
        List.of(
            job(
                "serviceMonitor/"
                    + RenderedChart.NAMESPACE
                    + "/"
                    + serviceMonitor.at("/metadata/name").asText()
                    + "/0",
                operatorEndpoint,
                operatorTarget,
                Map.of(
                    "namespace",
                    RenderedChart.NAMESPACE,
                    "service",
                    service.at("/metadata/name").asText(),
                    "endpoint",
                    operatorEndpoint.path("port").asText())),
            job(
                "podMonitor/"
                    + RenderedChart.NAMESPACE
                    + "/"
                    + podMonitor.at("/metadata/name").asText()
                    + "/0",
                trainerEndpoint,
                trainerTarget,
                Map.of(
                    "namespace",
                    trainerNamespace,
                    "pod",
                    trainerPod,
                    "container",
                    "trainer",
                    "endpoint",
                    trainerEndpoint.path("port").asText()))));
    try {
      return new YAMLMapper().writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> job(
      String name, JsonNode endpoint, String target, Map<String, String> labels) {
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("job_name", name);
    job.put("metrics_path", endpoint.path("path").asText("/metrics"));
    job.put("honor_labels", endpoint.path("honorLabels").asBoolean(false));
    job.put("static_configs", List.of(Map.of("targets", List.of(target), "labels", labels)));
    return job;
  }
}
