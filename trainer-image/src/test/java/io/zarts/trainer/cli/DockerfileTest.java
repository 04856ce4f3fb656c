package io.zarts.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zarts.api.RepoFiles;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs here, so the image recipe is checked against the build: exec-form
 * entrypoint (the JVM is PID 1 and gets SIGTERM), the jar the Maven build produces, its main class,
 * the metrics port, a non-root user.
 */
class DockerfileTest {

  static List<String> lines() throws Exception {
    return Files.readAllLines(RepoFiles.resolve("trainer-image/Dockerfile"));
  }

  static String instruction(String name) throws Exception {
    return lines().stream()
        .filter(l -> l.startsWith(name + " "))
        .reduce((a, b) -> b)
        .orElseThrow()
        .substring(name.length() + 1)
        .strip();
  }

  @Test
  void entrypointIsExecFormAndRunsTheBuiltJar() throws Exception {
    String entrypoint = instruction("ENTRYPOINT");
    assertThat(entrypoint).startsWith("[");
    List<String> argv = List.of(new ObjectMapper().readValue(entrypoint, String[].class));
    assertThat(argv.get(0)).isEqualTo("java");
    String pom = Files.readString(RepoFiles.resolve("trainer-image/pom.xml"));
    assertThat(pom)
        .contains("<finalName>zarts-trainer</finalName>")
        .contains("<mainClass>" + Zarts.class.getName() + "</mainClass>");
    assertThat(argv).contains("/opt/zarts/zarts-trainer.jar");
    List<String> cmd = List.of(new ObjectMapper().readValue(instruction("CMD"), String[].class));
    assertThat(cmd)
        .containsSubsequence("search", "/etc/zarts/search.yaml", "--output-dir", "/checkpoints");
  }

  @Test
  void portUserAndVolumesMatchTheContract() throws Exception {
    assertThat(instruction("EXPOSE")).isEqualTo("9400");
    assertThat(lines()).anyMatch(l -> l.contains("ZARTS_METRICS_PORT=9400"));
    String user = instruction("USER");
    assertThat(user).doesNotStartWith("0").doesNotStartWith("root").matches("\\d+:\\d+");
    assertThat(instruction("VOLUME")).contains("/checkpoints").contains("/data");
  }

  /** The lines of one stage, from its FROM to the next. */
  static List<String> stage(String name) throws Exception {
    List<String> all = lines();
    int from = -1;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).startsWith("FROM ") && all.get(i).endsWith(" AS " + name)) {
        from = i;
      }
    }
    assertThat(from).as("stage " + name).isNotNegative();
    int to = from + 1;
    while (to < all.size() && !all.get(to).startsWith("FROM ")) {
      to++;
    }
    return all.subList(from, to);
  }

  @Test
  void eachFlavourIsAStageThatChecksItsEngineAndTheCpuOneIsTheDefault() throws Exception {
    List<String> froms = lines().stream().filter(l -> l.startsWith("FROM ")).toList();
    // No FROM of a stage named by an ARG: buildah cannot resolve it without --build-arg.
    assertThat(froms).noneMatch(l -> l.contains("-${"));
    assertThat(froms.get(froms.size() - 1)).endsWith(" AS cpu");
    assertThat(stage("build"))
        .anyMatch(l -> l.contains("rm /opt/zarts-cuda/lib/pytorch-native-cpu-*.jar"));
    assertThat(stage("cuda"))
        .anyMatch(l -> l.contains("COPY --from=build /opt/zarts-cuda /opt/zarts"))
        .anyMatch(l -> l.contains("-Dai.djl.offline=false") && l.contains("engine --require cuda"))
        .anyMatch(l -> l.contains("PYTORCH_FLAVOR=cu"));
    assertThat(stage("cpu"))
        .anyMatch(l -> l.contains("COPY --from=build /opt/zarts-cpu /opt/zarts"))
        .anyMatch(l -> l.contains("engine --require cpu"))
        .noneMatch(l -> l.contains("PYTORCH_FLAVOR"));
    for (String flavour : List.of("cpu", "cuda")) {
      List<String> lines = stage(flavour);
      assertThat(lines)
          .as(flavour)
          .contains("USER 10001:10001")
          .anyMatch(l -> l.startsWith("ENTRYPOINT [\"java\"") && l.contains("-Djna.tmpdir=/tmp"))
          .anyMatch(l -> l.contains("DJL_CACHE_DIR=/opt/djl-cache"));
    }
  }

  @Test
  void theBuildCommandsNameTheImagesAsTheChartAndTheOperatorPullThem() throws Exception {
    String chart = Files.readString(RepoFiles.resolve("charts/zarts-operator/Chart.yaml"));
    String version = chart.replaceAll("(?s).*\nappVersion: \"([^\"]+)\".*", "$1");
    String values = Files.readString(RepoFiles.resolve("charts/zarts-operator/values.yaml"));
    assertThat(values).contains("repository: zarts/trainer").contains("repository: zarts/operator");
    assertThat(lines())
        .anyMatch(l -> l.contains("--target cpu  -t zarts/trainer:" + version + "-cpu ."))
        .anyMatch(l -> l.contains("--target cuda -t zarts/trainer:" + version + "-cuda ."));
    assertThat(Files.readString(RepoFiles.resolve("operator/Dockerfile")))
        .contains("-t zarts/operator:" + version + " .");
    assertThat(Files.readString(RepoFiles.resolve("README.md")))
        .contains("-t zarts/trainer:" + version + "-cpu")
        .contains("-t zarts/operator:" + version)
        .doesNotContain("zarts-trainer:cpu")
        .doesNotContain("zarts-operator:" + version);
  }
}
