package io.zarts.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.zarts.trainer.TestSearches;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several hundred steps of a tiny search: the live native arrays stay exactly constant from epoch to epoch and the
 * process RSS stays flat (every step's arrays are freed with its scope).
 */
class MemoryTest {

  @TempDir
  Path out;

  @Test
  void liveArraysAndRssStayFlatOverHundredsOfSteps() {
    var search = TestSearches.search("memory", """
          dataset:
            name: synthetic
            synthetic: {samples: 96, imageSize: 8, classes: 3}
          searchSpace: {layers: 2, initChannels: 2, nodes: 2}
          optimizer: {algorithm: darts, warmupEpochs: 1, updateEvery: 3}
          training: {epochs: 16, batchSize: 2}
        """);
    List<Integer> arrays = new ArrayList<>();
    List<Long> rss = new ArrayList<>();
    int[] steps = new int[1];
    try (SearchSession session = SearchSession.open(search, TestSearches.cpu(null, out))) {
      new SearchLoop(session, new SearchListener() {
        @Override
        public void onStart(SearchPlan plan) {
          steps[0] = plan.stepsPerEpoch() * (plan.totalEpochs() - plan.firstEpoch());
        }

        @Override
        public void onEpoch(EpochResult r) {
          arrays.add(session.manager().getManagedArrays().size());
          rss.add(residentKiB());
        }
      }).run(0);
    }
    System.out.println("steps " + steps[0] + ", live arrays per epoch " + arrays + ", RSS KiB " + rss);
    assertThat(steps[0]).isGreaterThanOrEqualTo(300);
    assertThat(arrays.get(0)).as("the model's own arrays are counted").isGreaterThan(50);
    // Epoch 1 creates per-size constants and (after warm-up) nothing else is allowed to accumulate.
    assertThat(arrays.subList(2, arrays.size())).as("live arrays per epoch " + arrays).containsOnly(arrays.get(2));
    // RSS in a shared test JVM moves in steps (heap expansion, other tests' threads); a leak grows every epoch.
    // So: no growth over the second half of the run beyond a few MiB.
    int half = rss.size() / 2;
    long growth = rss.get(rss.size() - 1) - rss.get(half);
    assertThat(growth).as("RSS KiB per epoch " + rss).isLessThan(12 * 1024);
  }

  static long residentKiB() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(l -> l.startsWith("VmRSS:"))
          .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
          .findFirst().orElse(0);
    } catch (IOException e) {
      return 0;
    }
  }
}
