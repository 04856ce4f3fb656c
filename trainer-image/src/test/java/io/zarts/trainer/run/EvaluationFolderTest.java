package io.zarts.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.zarts.api.genotype.Genotype;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation folder keeps one genotype; another one moves it aside, losing nothing. */
class EvaluationFolderTest {

  static final Genotype FIRST =
      Genotype.parse(
          "Genotype(normal=[('skip_connect', 0), ('sep_conv_3x3', 1)], normal_concat=[2],"
              + " reduce=[('max_pool_3x3', 0), ('skip_connect', 1)], reduce_concat=[2])");
  static final Genotype SECOND =
      Genotype.parse(
          "Genotype(normal=[('dil_conv_3x3', 0), ('sep_conv_3x3', 1)], normal_concat=[2],"
              + " reduce=[('max_pool_3x3', 0), ('skip_connect', 1)], reduce_concat=[2])");

  @TempDir Path work;

  @Test
  void theSameGenotypeKeepsItsFolderAndCheckpoints() throws Exception {
    Path dir = work.resolve("evaluation");
    assertThat(EvaluationFolder.claim(dir, FIRST, line -> {})).isNull();
    Files.createDirectories(dir.resolve("epoch-000001"));
    assertThat(EvaluationFolder.claim(dir, FIRST, line -> {})).isNull();
    assertThat(dir.resolve("epoch-000001")).isDirectory();
    assertThat(Files.readString(dir.resolve(EvaluationFolder.GENOTYPE)).strip())
        .isEqualTo(FIRST.getText());
  }

  @Test
  void anotherGenotypeMovesTheOldEvaluationAsideAndStartsEmpty() throws Exception {
    Path dir = work.resolve("evaluation");
    EvaluationFolder.claim(dir, FIRST, line -> {});
    Files.createDirectories(dir.resolve("epoch-000001"));
    Files.writeString(dir.resolve("summary.json"), "{}");
    List<String> log = new ArrayList<>();

    Path moved = EvaluationFolder.claim(dir, SECOND, log::add);

    assertThat(moved).isEqualTo(work.resolve("evaluation-superseded-1"));
    assertThat(moved.resolve("epoch-000001")).isDirectory();
    assertThat(moved.resolve("summary.json")).exists();
    assertThat(Files.readString(moved.resolve(EvaluationFolder.GENOTYPE)).strip())
        .isEqualTo(FIRST.getText());
    assertThat(dir).isDirectory();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly(EvaluationFolder.GENOTYPE);
    }
    assertThat(log).singleElement().asString().contains("evaluation-superseded-1");

    // A third genotype takes the next free name.
    EvaluationFolder.claim(dir, FIRST, line -> {});
    assertThat(work.resolve("evaluation-superseded-2")).isDirectory();
  }
}
