package io.zarts.operator.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.zarts.api.RepoFiles;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * examples/gitops/argocd-health-check.yaml run by a Lua interpreter (LuaJ, Lua 5.2) the way Argo CD
 * runs it: the resource as the global obj, the script's return value read as status and message.
 */
class ArgoCdHealthCheckTest {

  static final String KEY = "resource.customizations.health.zarts.io_ArchitectureSearch";

  record Health(String status, String message) {}

  static Health health(String resourceYaml) throws Exception {
    JsonNode cm =
        new YAMLMapper()
            .readTree(RepoFiles.resolve("examples/gitops/argocd-health-check.yaml").toFile());
    String script = cm.at("/data").get(KEY).asText();
    Globals globals = JsePlatform.standardGlobals();
    globals.set("obj", lua(new YAMLMapper().readTree(resourceYaml)));
    LuaValue result = globals.load(script, "health.lua").call();
    return new Health(result.get("status").tojstring(), result.get("message").optjstring(null));
  }

  static LuaValue lua(JsonNode node) {
    if (node.isObject()) {
      LuaTable t = new LuaTable();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        t.set(e.getKey(), lua(e.getValue()));
      }
      return t;
    }
    if (node.isArray()) {
      LuaTable t = new LuaTable();
      for (int i = 0; i < node.size(); i++) {
        t.set(i + 1, lua(node.get(i)));
      }
      return t;
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.asDouble());
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.asBoolean());
    }
    return node.isNull() ? LuaValue.NIL : LuaValue.valueOf(node.asText());
  }

  static String search(int generation, String status) {
    return "metadata: {name: s, generation: "
        + generation
        + "}\n"
        + (status == null ? "" : "status:\n" + status);
  }

  static String observed(int generation, String... conditions) {
    StringBuilder s =
        new StringBuilder("  observedGeneration: " + generation + "\n  conditions:\n");
    for (String c : conditions) {
      String[] p = c.split("/", 4);
      s.append("  - {type: ")
          .append(p[0])
          .append(", status: \"")
          .append(p[1])
          .append("\", reason: ")
          .append(p[2])
          .append(", message: \"")
          .append(p.length > 3 ? p[3] : "")
          .append("\"}\n");
    }
    return s.toString();
  }

  @Test
  void aNewSearchWaitsForTheOperator() throws Exception {
    assertThat(health(search(1, null)).status()).isEqualTo("Progressing");
  }

  @Test
  void anEditNotYetObservedIsProgressingEvenIfTheOldGenerationSucceeded() throws Exception {
    Health h = health(search(3, observed(2, "Succeeded/True/Completed/searched 50 epochs")));
    assertThat(h.status()).isEqualTo("Progressing");
    assertThat(h.message()).contains("generation 3");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.zarts.operator.gitops.StatusSamples#all")
  void conditionsMapToArgoCdHealth(StatusSamples.Sample sample) throws Exception {
    Health h = health(search(2, observed(2, sample.conditions())));
    assertThat(h.status()).isEqualTo(sample.argoStatus());
    assertThat(h.message()).isEqualTo(sample.argoMessage());
  }
}
