package io.zarts.operator.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import io.zarts.api.RepoFiles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The healthCheckExprs of examples/gitops/flux-kustomization.yaml evaluated the way Flux's
 * kustomize-controller does (RFC-0009): an object whose status.observedGeneration differs from its
 * generation is InProgress; otherwise inProgress, failed and current are tried in that order and
 * the first true one wins; none true is InProgress. The object's top-level fields are the CEL
 * variables. Same status samples as the Argo CD check.
 */
class FluxHealthCheckTest {

  static final Cel CEL =
      CelFactory.standardCelBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("apiVersion", SimpleType.DYN)
          .addVar("kind", SimpleType.DYN)
          .addVar("metadata", SimpleType.DYN)
          .addVar("spec", SimpleType.DYN)
          .addVar("status", SimpleType.DYN)
          .build();

  static JsonNode check() throws Exception {
    JsonNode kustomization = null;
    for (JsonNode doc :
        new YAMLMapper()
            .readValues(
                new YAMLMapper()
                    .createParser(
                        RepoFiles.resolve("examples/gitops/flux-kustomization.yaml").toFile()),
                JsonNode.class)
            .readAll()) {
      if ("Kustomization".equals(doc.path("kind").asText())) {
        kustomization = doc;
      }
    }
    assertThat(kustomization).isNotNull();
    assertThat(kustomization.at("/spec/wait").asBoolean())
        .as("the example waits on health")
        .isTrue();
    for (JsonNode check : kustomization.at("/spec/healthCheckExprs")) {
      if ("ArchitectureSearch".equals(check.path("kind").asText())
          && "zarts.io/v1alpha1".equals(check.path("apiVersion").asText())) {
        return check;
      }
    }
    throw new AssertionError("no healthCheckExprs entry for zarts.io/v1alpha1 ArchitectureSearch");
  }

  static String health(JsonNode object) throws Exception {
    JsonNode status = object.path("status");
    if (status.has("observedGeneration")
        && status.get("observedGeneration").asLong()
            != object.at("/metadata/generation").asLong()) {
      return "InProgress";
    }
    JsonNode check = check();
    Map<String, Object> vars = new HashMap<>();
    object.fields().forEachRemaining(e -> vars.put(e.getKey(), plain(e.getValue())));
    for (String[] rule :
        new String[][] {
          {"inProgress", "InProgress"}, {"failed", "Failed"}, {"current", "Current"}
        }) {
      String expression = check.path(rule[0]).asText("");
      if (!expression.isEmpty()
          && Boolean.TRUE.equals(CEL.createProgram(CEL.compile(expression).getAst()).eval(vars))) {
        return rule[1];
      }
    }
    return "InProgress";
  }

  /** JSON as CEL sees it: maps, lists, strings, booleans, longs and doubles. */
  static Object plain(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new HashMap<>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), plain(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(n -> list.add(plain(n)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.asText();
  }

  static JsonNode object(int generation, int observed, String... conditions) throws Exception {
    String yaml =
        ArgoCdHealthCheckTest.search(
            generation, ArgoCdHealthCheckTest.observed(observed, conditions));
    return new ObjectMapper().valueToTree(new YAMLMapper().readValue(yaml, Object.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.zarts.operator.gitops.StatusSamples#all")
  void conditionsMapToFluxHealth(StatusSamples.Sample sample) throws Exception {
    assertThat(health(object(2, 2, sample.conditions()))).isEqualTo(sample.flux());
  }

  @Test
  void anEditNotYetObservedIsInProgressEvenIfTheOldGenerationSucceeded() throws Exception {
    assertThat(health(object(3, 2, "Succeeded/True/Completed/searched 50 epochs")))
        .isEqualTo("InProgress");
  }
}
