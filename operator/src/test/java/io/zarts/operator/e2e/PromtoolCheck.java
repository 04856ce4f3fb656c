package io.zarts.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** promtool (from the same Debian package as Prometheus) on a PrometheusRule's groups. */
final class PromtoolCheck {

  private PromtoolCheck() {}

  static void rules(Path work, JsonNode prometheusRule) throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    ObjectNode file = yaml.createObjectNode();
    file.set("groups", prometheusRule.at("/spec/groups"));
    Path rules = work.resolve("rules.yml");
    Files.writeString(rules, yaml.writeValueAsString(file));
    Path promtool = PrometheusServer.binary().resolveSibling("promtool");
    Process p =
        new ProcessBuilder(promtool.toString(), "check", "rules", rules.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }
}
