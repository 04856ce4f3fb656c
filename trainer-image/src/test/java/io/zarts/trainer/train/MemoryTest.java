package io.zarts.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.zarts.trainer.ChildJvm;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Several hundred steps of a tiny search (MGS, so candidate evaluation is included) in a JVM of its
 * own with a fixed 160 MiB heap: the live native arrays stay exactly constant from epoch to epoch,
 * and the process RSS (here native memory, since the heap cannot grow) stays flat.
 */
class MemoryTest {

  @Test
  void liveArraysAndRssStayFlatOverHundredsOfSteps() throws Exception {
    Process p =
        ChildJvm.of(List.of("-Xms160m", "-Xmx160m"), MemoryProbe.class.getName())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();
    int steps = Integer.parseInt(lines.get(0).split(" ")[1]);
    List<Integer> arrays = new ArrayList<>();
    List<Long> rss = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(" ");
      arrays.add(Integer.parseInt(f[3]));
      rss.add(Long.parseLong(f[5]));
    }
    System.out.println("steps " + steps + ", live arrays per epoch " + arrays + ", RSS KiB " + rss);
    assertThat(steps).isGreaterThanOrEqualTo(300);
    assertThat(arrays).hasSize(16);
    assertThat(arrays.get(0)).as("the model's own arrays are counted").isGreaterThan(50);
    assertThat(arrays.subList(2, arrays.size()))
        .as("live arrays per epoch " + arrays)
        .containsOnly(arrays.get(2));
    long growth = rss.get(rss.size() - 1) - rss.get(rss.size() / 2);
    assertThat(growth).as("RSS KiB per epoch " + rss).isLessThan(8 * 1024);
  }
}
