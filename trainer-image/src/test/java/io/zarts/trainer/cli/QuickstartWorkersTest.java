package io.zarts.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zarts.api.RepoFiles;
import io.zarts.trainer.ChildJvm;
import io.zarts.trainer.SameFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart, as a user runs it, finds the same architecture on 1 and on 2 candidate workers.
 */
// A bound for a hung child process, far above what these runs take; no step waits on it.
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class QuickstartWorkersTest {

  @TempDir Path work;

  String search(int workers) throws Exception {
    Path out = work.resolve("w" + workers);
    Path err = work.resolve("w" + workers + ".err");
    Process p =
        ChildJvm.of(
                java.util.List.of(),
                "io.zarts.trainer.cli.Zarts",
                "search",
                RepoFiles.resolve("examples/quickstart.yaml").toString(),
                "--output-dir",
                out.toString(),
                "--workers",
                Integer.toString(workers),
                "--quiet",
                "--termination-log",
                work.resolve("w" + workers + ".termination").toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(err.toFile())
            .start();
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    String log = Files.readString(err);
    assertThat(p.exitValue()).as(log).isZero();
    return log;
  }

  @Test
  void oneAndTwoWorkersEndWithTheSameGenotypeAndAlphas() throws Exception {
    assertThat(search(1)).contains("1 candidate worker: cpu:0");
    assertThat(search(2)).contains("2 candidate workers: cpu:0, cpu:1");
    assertThat(Files.readString(work.resolve("w2/progress.json")))
        .contains("\"devices\":[\"cpu:0\",\"cpu:1\"]");
    SameFiles.assertSameBytes(work.resolve("w2"), work.resolve("w1"), "genotype.txt");
    SameFiles.assertSameAlphaWeights(work.resolve("w2"), work.resolve("w1"), 1e-4);
  }
}
