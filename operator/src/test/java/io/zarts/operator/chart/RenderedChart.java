package io.zarts.operator.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.zarts.api.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** charts/zarts-operator rendered by the embedded Helm with a values file, as parsed objects. */
public final class RenderedChart {

  public static final Path CHART = RepoFiles.resolve("charts/zarts-operator");
  public static final String RELEASE = "zarts";
  public static final String NAMESPACE = "zarts-system";

  /** Values that switch on every monitoring template. */
  public static final String ALL_MONITORING =
      """
      monitoring:
        serviceMonitor: {enabled: true}
        podMonitor: {enabled: true}
        prometheusRule: {enabled: true}
        grafanaDashboard: {enabled: true, folder: NAS}
      """;

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final KubernetesSerialization K8S = new KubernetesSerialization();

  final String yaml;
  public final List<ObjectNode> objects = new ArrayList<>();

  private RenderedChart(String yaml) throws IOException {
    this.yaml = yaml;
    try (var docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (docs.hasNext()) {
        JsonNode doc = (JsonNode) docs.next();
        if (doc instanceof ObjectNode o && o.has("kind")) {
          objects.add(o);
        }
      }
    }
  }

  /** Renders with the chart's defaults overridden by the given values YAML (may be empty). */
  public static RenderedChart render(String valuesYaml) {
    try {
      Path values = Files.createTempFile("values", ".yaml");
      try {
        Files.writeString(values, valuesYaml);
        TemplateCommand template =
            new Helm(CHART)
                .template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion("1.31.0")
                .withValuesFile(values);
        return new RenderedChart(template.call());
      } finally {
        Files.deleteIfExists(values);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<ObjectNode> all(String kind) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
  }

  public Optional<ObjectNode> find(String kind) {
    List<ObjectNode> found = all(kind);
    if (found.size() > 1) {
      throw new AssertionError("more than one " + kind + ": " + found.size());
    }
    return found.stream().findFirst();
  }

  public ObjectNode one(String kind) {
    return find(kind).orElseThrow(() -> new AssertionError("no " + kind + " rendered"));
  }

  /** The object as its fabric8 type, for typed assertions. */
  public <T extends HasMetadata> T typed(String kind, Class<T> type) {
    return K8S.convertValue(one(kind), type);
  }
}
