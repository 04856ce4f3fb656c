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
    assertThat(lines()).anyMatch(l -> l.startsWith("ARG FLAVOR=cpu"));
    assertThat(lines()).anyMatch(l -> l.startsWith("FROM runtime-${FLAVOR}"));
  }
}
