package io.zarts.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.zarts.api.RepoFiles;
import io.zarts.operator.Examples;
import io.zarts.operator.config.OperatorSettings;
import io.zarts.operator.config.PerSearchSeries;
import io.zarts.operator.job.RestrictedProfile;
import io.zarts.operator.job.TrainerDefaults;
import io.zarts.operator.job.TrainerJobFactory;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** charts/zarts-operator: lint, and the rendered objects for the defaults and for each switch. */
class HelmChartTest {

  @Test
  void lintPassesStrictlyWithDefaultsAndWithEverySwitchOn() throws Exception {
    LintResult defaults = new Helm(RenderedChart.CHART).lint().strict().call();
    assertThat(defaults.isFailed()).as(String.join("\n", defaults.getMessages())).isFalse();
    // helm lint reads the chart's own values.yaml: lint a copy whose values switch everything on.
    Path copy = Files.createTempDirectory("chart").resolve("zarts-operator");
    try (Stream<Path> files = Files.walk(RenderedChart.CHART)) {
      for (Path f : files.toList()) {
        Path target = copy.resolve(RenderedChart.CHART.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
    YAMLMapper yaml = new YAMLMapper();
    ObjectNode values = (ObjectNode) yaml.readTree(copy.resolve("values.yaml").toFile());
    for (String monitor :
        List.of("serviceMonitor", "podMonitor", "prometheusRule", "grafanaDashboard")) {
      ((ObjectNode) values.at("/monitoring/" + monitor)).put("enabled", true);
    }
    ((ObjectNode) values.get("rbac")).putArray("watchNamespaces").add("team-a").add("team-b");
    values.put("replicas", 2).put("logFormat", "json");
    ((ObjectNode) values.get("networkPolicy")).put("enabled", true);
    yaml.writeValue(copy.resolve("values.yaml").toFile(), values);
    LintResult everything = new Helm(copy).lint().strict().call();
    assertThat(everything.isFailed()).as(String.join("\n", everything.getMessages())).isFalse();
  }

  @Test
  void theTrainerNetworkPolicyLetsOnlyDnsTheApiServerAndTheScraperThrough() {
    RenderedChart chart =
        RenderedChart.render(
            """
            rbac: {watchNamespaces: [team-a, team-b]}
            networkPolicy: {enabled: true, apiServerCidrs: [10.0.0.1/32]}
            """);
    assertThat(chart.all("NetworkPolicy"))
        .extracting(n -> n.at("/metadata/namespace").asText())
        .containsExactly("team-a", "team-b");
    NetworkPolicy policy =
        new KubernetesSerialization()
            .convertValue(chart.all("NetworkPolicy").get(0), NetworkPolicy.class);
    assertThat(policy.getSpec().getPodSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/name", "zarts-trainer");
    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    var ingress = policy.getSpec().getIngress().get(0);
    assertThat(ingress.getPorts().get(0).getPort().getIntVal()).isEqualTo(9400);
    assertThat(ingress.getFrom().get(0).getNamespaceSelector().getMatchLabels())
        .containsEntry("kubernetes.io/metadata.name", "monitoring");
    var egress = policy.getSpec().getEgress();
    assertThat(egress).hasSize(2);
    assertThat(egress.get(0).getPorts()).extracting(p -> p.getPort().getIntVal()).containsOnly(53);
    assertThat(egress.get(1).getTo().get(0).getIpBlock().getCidr()).isEqualTo("10.0.0.1/32");
    assertThat(egress.get(1).getPorts())
        .extracting(p -> p.getPort().getIntVal())
        .containsExactly(443, 6443);
    assertThat(RenderedChart.render("").find("NetworkPolicy")).as("off by default").isEmpty();
    assertThatThrownBy(() -> RenderedChart.render("networkPolicy: {enabled: true}"))
        .hasMessageContaining("networkPolicy.namespaces or rbac.watchNamespaces");
  }

  @Test
  void theOperatorPodIsRestrictedAndProbedOnQuarkusHealth() {
    Deployment d = RenderedChart.render("").typed("Deployment", Deployment.class);
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    assertThat(RestrictedProfile.violations(pod)).isEmpty();
    Container c = pod.getContainers().get(0);
    assertThat(c.getImage()).isEqualTo("zarts/operator:0.1.0");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
    assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
    assertThat(c.getResources().getLimits()).containsKey("memory");
    assertThat(pod.getServiceAccountName()).isEqualTo("zarts-zarts-operator");
    assertThat(env(c))
        .containsEntry(
            "QUARKUS_OPERATOR_SDK_CONTROLLERS_ARCHITECTURESEARCHRECONCILER_NAMESPACES",
            "JOSDK_ALL_NAMESPACES")
        .containsEntry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false")
        .containsEntry("ZARTS_OPERATOR_TRAINER_IMAGE", "zarts/trainer:0.1.0-cuda");
  }

  @Test
  void onOpenShiftThePlatformAssignsTheUids() {
    PodSpec fixed =
        RenderedChart.render("")
            .typed("Deployment", Deployment.class)
            .getSpec()
            .getTemplate()
            .getSpec();
    assertThat(fixed.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
    assertThat(env(fixed.getContainers().get(0)))
        .containsEntry("ZARTS_OPERATOR_TRAINER_PLATFORM_ASSIGNS_UIDS", "false");
    PodSpec pod =
        RenderedChart.render("platformAssignsUids: true")
            .typed("Deployment", Deployment.class)
            .getSpec()
            .getTemplate()
            .getSpec();
    assertThat(pod.getSecurityContext().getRunAsUser()).isNull();
    assertThat(pod.getSecurityContext().getRunAsGroup()).isNull();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(RestrictedProfile.violations(pod)).isEmpty();
    assertThat(env(pod.getContainers().get(0)))
        .containsEntry("ZARTS_OPERATOR_TRAINER_PLATFORM_ASSIGNS_UIDS", "true");
  }

  @Test
  void everyOperatorSettingTheChartSetsExistsAndParses() throws Exception {
    Container c =
        RenderedChart.render(
                """
        checkpoint: {storageClassName: fast-ssd}
        trainer:
          gpuNodeSelector: {nvidia.com/gpu.present: "true"}
        """)
            .typed("Deployment", Deployment.class)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    Set<String> known = new TreeSet<>();
    for (Method m : OperatorSettings.Trainer.class.getDeclaredMethods()) {
      known.add("ZARTS_OPERATOR_TRAINER_" + snake(m.getName()));
    }
    for (Method m : OperatorSettings.Checkpoint.class.getDeclaredMethods()) {
      known.add("ZARTS_OPERATOR_CHECKPOINT_" + snake(m.getName()));
    }
    for (Method m : OperatorSettings.Metrics.class.getDeclaredMethods()) {
      known.add("ZARTS_OPERATOR_METRICS_" + snake(m.getName()));
    }
    Map<String, String> env = env(c);
    // SmallRye reads an enum setting case-insensitively.
    assertThat(
            PerSearchSeries.valueOf(
                env.get("ZARTS_OPERATOR_METRICS_PER_SEARCH_SERIES").toUpperCase()))
        .isEqualTo(PerSearchSeries.ALL);
    env.keySet().stream()
        .filter(k -> k.startsWith("ZARTS_"))
        .forEach(k -> assertThat(known).as("the operator reads " + k).contains(k));
    assertThat(env).containsEntry("ZARTS_OPERATOR_CHECKPOINT_STORAGE_CLASS_NAME", "fast-ssd");
    KubernetesSerialization json = new KubernetesSerialization();
    Map<String, String> selector =
        json.unmarshal(
            stream(env.get("ZARTS_OPERATOR_TRAINER_GPU_NODE_SELECTOR")),
            new TypeReference<Map<String, String>>() {});
    List<Toleration> tolerations =
        json.unmarshal(
            stream(env.get("ZARTS_OPERATOR_TRAINER_GPU_TOLERATIONS")),
            new TypeReference<List<Toleration>>() {});
    assertThat(selector).containsEntry("nvidia.com/gpu.present", "true");
    assertThat(tolerations)
        .singleElement()
        .satisfies(t -> assertThat(t.getKey()).isEqualTo("nvidia.com/gpu"));
  }

  @Test
  void clusterWideRbacByDefaultWithoutWildcards() {
    RenderedChart chart = RenderedChart.render("");
    assertThat(chart.find("ClusterRole")).isPresent();
    assertThat(chart.find("ClusterRoleBinding")).isPresent();
    assertThat(chart.all("Role"))
        .extracting(r -> r.at("/metadata/name").asText())
        .containsExactly("zarts-zarts-operator-leader-election");
    for (ObjectNode role : chart.objects) {
      for (JsonNode rule : role.path("rules")) {
        assertThat(rule.toString()).as("no wildcard in " + rule).doesNotContain("\"*\"");
        assertThat(rule.path("resources").toString()).doesNotContain("secrets");
      }
    }
    ObjectNode clusterRole = chart.one("ClusterRole");
    assertThat(verbs(clusterRole, "pods")).containsExactlyInAnyOrder("list", "watch");
    assertThat(verbs(clusterRole, "jobs")).contains("create", "delete");
    assertThat(verbs(clusterRole, "architecturesearches")).doesNotContain("create", "delete");
    assertThat(verbs(clusterRole, "architecturesearches/finalizers")).containsExactly("update");
  }

  @Test
  void watchedNamespacesGetRolesAndNoClusterRights() {
    RenderedChart chart =
        RenderedChart.render(
            """
        rbac: {watchNamespaces: [team-a, team-b]}
        monitoring: {podMonitor: {enabled: true}}
        """);
    assertThat(chart.find("ClusterRole")).isEmpty();
    assertThat(chart.find("ClusterRoleBinding")).isEmpty();
    assertThat(chart.all("RoleBinding"))
        .extracting(r -> r.at("/metadata/namespace").asText())
        .containsExactlyInAnyOrder("team-a", "team-b", RenderedChart.NAMESPACE);
    for (ObjectNode binding : chart.all("RoleBinding")) {
      assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo(RenderedChart.NAMESPACE);
    }
    Container c =
        chart
            .typed("Deployment", Deployment.class)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    assertThat(env(c))
        .containsEntry(
            "QUARKUS_OPERATOR_SDK_CONTROLLERS_ARCHITECTURESEARCHRECONCILER_NAMESPACES",
            "team-a,team-b");
    assertThat(chart.one("PodMonitor").at("/spec/namespaceSelector/matchNames").toString())
        .isEqualTo("[\"team-a\",\"team-b\"]");
  }

  @Test
  void monitorsSelectWhatTheOperatorAndItsTrainerPodsReallyCarry() throws Exception {
    RenderedChart chart = RenderedChart.render(RenderedChart.ALL_MONITORING);
    // The PodMonitor against a trainer pod template as the operator builds it.
    Job job =
        new TrainerJobFactory(TrainerDefaults.standard("img"))
            .desired(Examples.load("quickstart.yaml", "ns"));
    Map<String, String> podLabels = job.getSpec().getTemplate().getMetadata().getLabels();
    ObjectNode podMonitor = chart.one("PodMonitor");
    podMonitor
        .at("/spec/selector/matchLabels")
        .fields()
        .forEachRemaining(
            e -> assertThat(podLabels).containsEntry(e.getKey(), e.getValue().asText()));
    String port = podMonitor.at("/spec/podMetricsEndpoints/0/port").asText();
    assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts())
        .anySatisfy(p -> assertThat(p.getName()).isEqualTo(port));
    assertThat(podMonitor.at("/spec/podMetricsEndpoints/0/path").asText()).isEqualTo("/metrics");
    // The ServiceMonitor against the chart's Service, and the Service against the operator pod.
    Service service = chart.typed("Service", Service.class);
    ObjectNode serviceMonitor = chart.one("ServiceMonitor");
    serviceMonitor
        .at("/spec/selector/matchLabels")
        .fields()
        .forEachRemaining(
            e ->
                assertThat(service.getMetadata().getLabels())
                    .containsEntry(e.getKey(), e.getValue().asText()));
    assertThat(service.getSpec().getPorts())
        .anySatisfy(
            p ->
                assertThat(p.getName())
                    .isEqualTo(serviceMonitor.at("/spec/endpoints/0/port").asText()));
    assertThat(serviceMonitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
    Map<String, String> operatorPod =
        chart
            .typed("Deployment", Deployment.class)
            .getSpec()
            .getTemplate()
            .getMetadata()
            .getLabels();
    service.getSpec().getSelector().forEach((k, v) -> assertThat(operatorPod).containsEntry(k, v));
    // The dashboard ConfigMap: the sidecar label, and JSON that parses with every panel's queries.
    ObjectNode dashboardMap = chart.one("ConfigMap");
    assertThat(dashboardMap.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
    assertThat(dashboardMap.at("/metadata/annotations/grafana_folder").asText()).isEqualTo("NAS");
    JsonNode dashboard =
        new ObjectMapper().readTree(dashboardMap.at("/data/zarts-searches.json").asText());
    assertThat(Dashboard.queries(dashboard)).hasSizeGreaterThanOrEqualTo(15);
    assertThat(chart.one("PrometheusRule").at("/spec/groups/0/rules"))
        .hasSizeGreaterThanOrEqualTo(4);
  }

  @Test
  void dashboardPanelsHaveUniqueIdsAndDoNotOverlap() {
    List<JsonNode> panels = new ArrayList<>();
    Dashboard.load().path("panels").forEach(panels::add);
    assertThat(panels.stream().map(p -> p.path("id").asInt()).distinct()).hasSize(panels.size());
    for (int i = 0; i < panels.size(); i++) {
      for (int j = i + 1; j < panels.size(); j++) {
        JsonNode a = panels.get(i).path("gridPos");
        JsonNode b = panels.get(j).path("gridPos");
        boolean apart =
            a.path("x").asInt() + a.path("w").asInt() <= b.path("x").asInt()
                || b.path("x").asInt() + b.path("w").asInt() <= a.path("x").asInt()
                || a.path("y").asInt() + a.path("h").asInt() <= b.path("y").asInt()
                || b.path("y").asInt() + b.path("h").asInt() <= a.path("y").asInt();
        assertThat(apart)
            .as("%s overlaps %s", panels.get(i).path("title"), panels.get(j).path("title"))
            .isTrue();
      }
    }
  }

  @Test
  void theLeadingOperationPanelsNameOnlyTheAlphaGauge() {
    List<Dashboard.Query> leading =
        Dashboard.queries(Dashboard.load()).stream()
            .filter(q -> q.panel().startsWith("Leading operation per edge"))
            .toList();
    assertThat(leading).hasSize(2);
    for (Dashboard.Query q : leading) {
      assertThat(q.row()).isEqualTo("Search");
      // topk is a function and cell, edge and op are labels, not metrics.
      assertThat(Dashboard.metricNames(q.expr())).containsExactly("zarts_trainer_alpha");
    }
  }

  @Test
  void monitoringIsOffByDefault() {
    RenderedChart chart = RenderedChart.render("");
    for (String kind : List.of("ServiceMonitor", "PodMonitor", "PrometheusRule", "ConfigMap")) {
      assertThat(chart.find(kind)).as(kind).isEmpty();
    }
  }

  @Test
  void valuesReachTheOperator() {
    Container c =
        RenderedChart.render(
                """
        replicas: 2
        logFormat: json
        trainer: {image: {flavor: cpu}}
        """)
            .typed("Deployment", Deployment.class)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    assertThat(env(c))
        .containsEntry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true")
        .containsEntry("ZARTS_OPERATOR_TRAINER_IMAGE", "zarts/trainer:0.1.0-cpu");
  }

  @Test
  void badValuesFailWithTheirName() {
    assertThatThrownBy(() -> RenderedChart.render("trainer: {image: {flavor: rocm}}"))
        .hasMessageContaining("trainer.image.flavor must be cpu or cuda");
    assertThatThrownBy(() -> RenderedChart.render("logFormat: xml"))
        .hasMessageContaining("logFormat must be plain or json");
  }

  @Test
  void everyValueIsInTheReadmeTable() throws Exception {
    String readme = Files.readString(RepoFiles.resolve("README.md"));
    String table =
        readme.substring(readme.indexOf("### Helm values"), readme.indexOf("### GitOps"));
    List<String> missing = new ArrayList<>();
    collectLeaves(
        "",
        new YAMLMapper().readTree(RenderedChart.CHART.resolve("values.yaml").toFile()),
        missing);
    missing.removeIf(
        path ->
            table.contains("`" + path + "`")
                || table.contains("`." + path.substring(path.lastIndexOf('.') + 1) + "`")
                    && table.contains("`" + path.substring(0, path.lastIndexOf('.')) + "."));
    assertThat(missing).as("values without a row in the README's Helm values table").isEmpty();
  }

  private static void collectLeaves(String prefix, JsonNode node, List<String> out) {
    if (node.isObject()
        && node.size() > 0
        && !prefix.equals("resources")
        && !prefix.endsWith("Selector")
        && !prefix.endsWith("labels")
        && !prefix.endsWith("Labels")
        && !prefix.endsWith("affinity")
        && !prefix.endsWith("Annotations")
        && !prefix.endsWith("annotations")) {
      node.fields()
          .forEachRemaining(
              e ->
                  collectLeaves(
                      prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                      e.getValue(),
                      out));
    } else {
      out.add(prefix);
    }
  }

  private static List<String> verbs(ObjectNode role, String resource) {
    List<String> out = new ArrayList<>();
    for (JsonNode rule : role.path("rules")) {
      for (JsonNode r : rule.path("resources")) {
        if (r.asText().equals(resource)) {
          rule.path("verbs").forEach(v -> out.add(v.asText()));
        }
      }
    }
    return out;
  }

  private static Map<String, String> env(Container c) {
    Map<String, String> env = new HashMap<>();
    for (EnvVar e : c.getEnv()) {
      env.put(e.getName(), e.getValue());
    }
    return env;
  }

  private static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase();
  }

  private static ByteArrayInputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}
