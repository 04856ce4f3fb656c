package io.zarts.operator.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.zarts.api.RepoFiles;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      running     | Ready/True/Running/epoch 3 of 50;Failed/False/Running;Succeeded/Unknown/Running   | Progressing | Running: epoch 3 of 50
      pending     | Ready/False/Pending/waiting for the trainer pod;Succeeded/Unknown/Running          | Progressing | Pending: waiting for the trainer pod
      queued      | Ready/False/Queued/waiting for Kueue;Succeeded/Unknown/Queued                        | Progressing | Queued: waiting for Kueue
      succeeded   | Ready/True/Completed/the genotype is final;Succeeded/True/Completed/searched 3 epochs;Failed/False/Completed | Healthy | Completed: searched 3 epochs
      suspended   | Suspended/True/Suspended/spec.suspend is true;Ready/False/Suspended;Failed/False/Suspended | Suspended | Suspended: spec.suspend is true
      invalid     | Failed/True/InvalidSpec/spec.training.epochs: must be at least 1;Ready/False/InvalidSpec | Degraded | InvalidSpec: spec.training.epochs: must be at least 1
      trainer     | Failed/True/BackoffLimitExceeded/the trainer failed 7 times;Ready/False/TrainerFailed   | Degraded | BackoffLimitExceeded: the trainer failed 7 times
      unreadable  | Succeeded/False/ResultUnreadable/no progress report;Failed/False/Completed;Ready/False/ResultUnreadable | Degraded | ResultUnreadable: no progress report
      evaluating  | Evaluating/True/SearchSucceeded/retraining;Ready/True/Running/evaluation epoch 2 of 600;Succeeded/Unknown/Running | Progressing | Evaluating: Running: evaluation epoch 2 of 600
      evaluated   | Succeeded/True/Evaluated/test accuracy 0.9712 after 600 evaluation epochs;Evaluating/False/Ended;Ready/True/Evaluated | Healthy | Evaluated: test accuracy 0.9712 after 600 evaluation epochs
      eval-failed | Failed/True/BackoffLimitExceeded/the evaluation Job failed;Evaluating/False/Failed;Ready/False/EvaluationFailed | Degraded | BackoffLimitExceeded: the evaluation Job failed
      """)
  void conditionsMapToArgoCdHealth(String name, String conditions, String status, String message)
      throws Exception {
    Health h = health(search(2, observed(2, conditions.split(";"))));
    assertThat(h.status()).isEqualTo(status);
    assertThat(h.message()).isEqualTo(message);
  }
}
