package io.zarts.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.zarts.api.RepoFiles;
import io.zarts.api.validation.ArchitectureSearchValidator;
import io.zarts.trainer.TestSearches;
import io.zarts.trainer.WatchedProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every ./zarts command in the README's shell blocks, run through the real launcher on the packaged
 * jar (this is an integration test: Maven runs it after the jar is built), in README order, each
 * checked for its exit code and for the output the README promises. A command the README gains
 * without a check here fails the test.
 */
// A bound for a hung child process, far above what these runs take; no step waits on it.
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class ReadmeCommandsIT {

  /**
   * What a README command must do; run replaces it where the README's own form needs data or hours
   * we lack.
   */
  record Check(String run, int exitCode, Consumer<Output> expect) {}

  record Output(int code, String out, String err) {}

  @TempDir static Path work;

  static final Map<String, Check> CHECKS = new LinkedHashMap<>();

  @BeforeAll
  static void workspace() throws IOException {
    // A folder that looks like the repository to the commands (they use relative paths) and keeps
    // runs/ out of it.
    for (String entry : new String[] {"zarts", "examples", "trainer-image"}) {
      Files.createSymbolicLink(work.resolve(entry), RepoFiles.resolve(entry));
    }
    Files.writeString(
        work.resolve("compare-tiny.yaml"), TestSearches.tinyComparison("compare-tiny"));
    Files.createDirectories(work.resolve("no-datasets"));
  }

  static {
    CHECKS.put(
        "./zarts search examples/quickstart.yaml",
        new Check(
            null,
            0,
            o -> {
              assertThat(o.out()).startsWith("Genotype(normal=[(");
              assertThat(work.resolve("runs/quickstart/summary.json")).exists();
            }));
    CHECKS.put(
        "./zarts genotype runs/quickstart",
        new Check(
            null,
            0,
            o ->
                assertThat(o.out().strip())
                    .isEqualTo(read("runs/quickstart/genotype.txt").strip())));
    CHECKS.put(
        "./zarts genotype runs/quickstart --format svg -o cell.svg",
        new Check(null, 0, o -> assertThat(read("cell.svg")).contains("<svg").contains("</svg>")));
    CHECKS.put(
        "./zarts alphas runs/quickstart --format svg -o alphas.svg",
        new Check(
            null,
            0,
            o -> {
              // The quickstart's 4 nodes: 14 edges in each cell, one chart each.
              String svg = read("alphas.svg");
              assertThat(svg).startsWith("<svg").endsWith("</svg>\n");
              assertThat(svg.split("class=\"edge-chart\"", -1)).hasSize(2 * 14 + 1);
            }));
    CHECKS.put(
        "./zarts validate examples/cifar10-mgs.yaml",
        new Check(
            null,
            0,
            o -> {
              // The resource with every default filled in: valid again, and longer than the file's
              // YAML (its comments are not part of the resource).
              assertThat(o.out())
                  .startsWith("apiVersion: zarts.io/v1alpha1\nkind: ArchitectureSearch\n")
                  .contains("momentum: 0.9");
              String yaml =
                  read("examples/cifar10-mgs.yaml")
                      .lines()
                      .filter(l -> !l.startsWith("#"))
                      .collect(Collectors.joining("\n"));
              assertThat(o.out().length()).isGreaterThan(yaml.length());
              try {
                ArchitectureSearchValidator.bundled()
                    .validate(new YAMLMapper().readTree(o.out()))
                    .orThrow("output");
              } catch (IOException e) {
                throw new AssertionError(e);
              }
            }));
    // No CIFAR-10 here: the same command on an empty data folder must stop at once, naming the
    // folder and the fix.
    CHECKS.put(
        "./zarts search examples/cifar10-mgs.yaml --data /datasets",
        new Check(
            "./zarts search examples/cifar10-mgs.yaml --data no-datasets",
            ExitCodes.INVALID_CONFIG,
            o ->
                assertThat(o.err())
                    .contains("spec.dataset.volume")
                    .contains("cifar-10-batches-bin")
                    .contains("--data")));
    // The Fashion-MNIST grid takes about an hour; the same command on a tiny file with a tiny
    // evaluation stage, one seed, two algorithms and one robustness space.
    CHECKS.put(
        "./zarts compare examples/compare-fashion-mnist.yaml --data /usr/share/datasets --robustness"
            + " s2,s3",
        new Check(
            "./zarts compare compare-tiny.yaml --seeds 1 --algorithms darts,mgs --robustness s2"
                + " --robustness-algorithms mgs",
            0,
            o -> {
              assertThat(o.out()).startsWith("| group | space | algorithm | seed |");
              assertThat(
                      o.out().lines().filter(l -> l.matches("\\| strategies \\| .* \\| 0 \\| .*")))
                  .hasSize(2);
              assertThat(o.out().lines().filter(l -> l.startsWith("| robustness | s2 | mgs | 0 |")))
                  .hasSize(1);
              assertThat(o.out().lines().filter(l -> l.contains("| n/a |"))).isEmpty();
              assertThat(o.out()).contains("| runs | test acc |");
            }));
    CHECKS.put(
        "./zarts engine",
        new Check(null, 0, o -> assertThat(o.out()).startsWith("engine PyTorch")));
    CHECKS.put(
        "./zarts search examples/quickstart.yaml --workers 2",
        new Check(
            "./zarts search examples/quickstart.yaml --workers 2 --out runs-w2",
            0,
            o -> {
              assertThat(o.err()).contains("2 candidate workers: cpu:0, cpu:1");
              assertThat(o.out()).startsWith("Genotype(normal=[(");
            }));
    CHECKS.put(
        "./zarts bench --configs tiny --workers 1,2",
        new Check(
            "./zarts bench --configs micro --strategies mgs --repeats 1 --workers 1,2",
            0,
            o -> assertThat(o.out()).contains("| micro | mgs | 2 | 1 |")));
    CHECKS.put(
        "./zarts engine --threads 1",
        new Check(
            null,
            0,
            o ->
                assertThat(o.out())
                    .containsPattern("\\d+ candidate workers?: cpu:0.* \\(1 thread each\\)")));
    // The standard configurations take minutes to hours; the same commands on the micro
    // configuration.
    CHECKS.put(
        "./zarts bench",
        new Check(
            "./zarts bench --configs micro --repeats 1",
            0,
            o -> assertThat(o.out()).contains("| micro |")));
    CHECKS.put(
        "./zarts bench --configs tiny --strategies mgs --memory-steps 1000",
        new Check(
            "./zarts bench --configs micro --strategies mgs --repeats 1 --memory-steps 20",
            0,
            o -> assertThat(o.out()).contains("| micro |").containsIgnoringCase("rss")));
    CHECKS.put(
        "./zarts bench --configs micro --repeats 1",
        new Check(null, 0, o -> assertThat(o.out()).contains("| micro |")));
  }

  static {
    CHECKS.put(
        "./zarts search examples/quickstart-evaluate.yaml",
        new Check(
            null,
            0,
            o -> {
              assertThat(o.out()).startsWith("Genotype(normal=[(").contains("test accuracy ");
              assertThat(work.resolve("runs/quickstart-evaluate/evaluation/summary.json")).exists();
              assertThat(work.resolve("runs/quickstart-evaluate/evaluation/model/weights.ndlist"))
                  .isNotEmptyFile();
            }));
    CHECKS.put(
        "./zarts predict --model runs/quickstart-evaluate/evaluation/model"
            + " examples/images/synthetic-class-2.png examples/images/synthetic-class-3.png",
        new Check(
            null,
            0,
            o -> {
              List<String> lines = o.out().lines().toList();
              assertThat(lines).hasSize(10);
              assertThat(lines.get(1).strip()).startsWith("class-2 ");
              assertThat(lines.get(6).strip()).startsWith("class-3 ");
            }));
    CHECKS.put(
        "./zarts evaluate examples/quickstart-evaluate.yaml",
        new Check(
            null,
            0,
            o ->
                assertThat(o.out())
                    .startsWith("test accuracy ")
                    .contains("runs/quickstart-evaluate/evaluation/model")));
    CHECKS.put(
        "./zarts evaluate examples/evaluate-darts-v2.yaml --summary",
        new Check(
            null,
            0,
            o ->
                assertThat(o.out())
                    .contains("parameters: 3,349,342")
                    .contains("parameters with the auxiliary head: 3,825,768")));
  }

  /** The ./zarts commands of the README's sh blocks, in order, without their comments. */
  static List<String> readmeCommands() {
    List<String> commands = new ArrayList<>();
    Matcher block =
        Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL)
            .matcher(RepoFiles.read(RepoFiles.resolve("README.md")));
    while (block.find()) {
      block
          .group(1)
          .lines()
          .map(l -> l.replaceAll("\\s+#.*$", "").strip())
          .filter(l -> l.startsWith("./zarts"))
          .forEach(commands::add);
    }
    return commands;
  }

  @Test
  void everyReadmeCommandHasACheckAndEveryCheckIsInTheReadme() {
    assertThat(CHECKS.keySet()).containsExactlyInAnyOrderElementsOf(readmeCommands());
  }

  @TestFactory
  Stream<DynamicTest> readmeCommandsDoWhatTheReadmeSays() {
    return readmeCommands().stream()
        .filter(CHECKS::containsKey)
        .map(
            command ->
                DynamicTest.dynamicTest(
                    command,
                    () -> {
                      Check check = CHECKS.get(command);
                      Output o = run(check.run() != null ? check.run() : command);
                      assertThat(o.code())
                          .as("exit code of %s%n%s", command, o.err())
                          .isEqualTo(check.exitCode());
                      check.expect().accept(o);
                    }));
  }

  static Output run(String command) throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(List.of("bash"));
    argv.addAll(List.of(command.split(" ")));
    Path out = Files.createTempFile(work, "out", ".txt");
    // Standard error is read to its end: the launcher filters it through a process that may outlive
    // java.
    WatchedProcess p =
        WatchedProcess.start(
            new ProcessBuilder(argv).directory(work.toFile()).redirectOutput(out.toFile()));
    int code = p.awaitExit();
    return new Output(code, Files.readString(out), p.err());
  }

  static String read(String relative) {
    return RepoFiles.read(work.resolve(relative));
  }
}
