package io.zarts.trainer.train;

import io.zarts.trainer.TestSearches;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs several hundred steps of a tiny search and prints, after each epoch, the live native arrays
 * and the RSS. Started in its own JVM with a fixed heap by {@link MemoryTest}, so RSS changes are
 * native memory, not heap.
 */
public final class MemoryProbe {

  private MemoryProbe() {}

  public static void main(String[] args) throws IOException {
    var search =
        TestSearches.search(
            "memory",
            TestSearches.tinySpec(
                96,
                "algorithm: mgs, samples: 2, innerSteps: 1, innerBatchSize: 2, warmupEpochs: 1, updateEvery: 3",
                "epochs: 16, batchSize: 2"));
    Path out = Files.createTempDirectory("memory");
    try (SearchSession session = SearchSession.open(search, TestSearches.cpu(null, out))) {
      new SearchLoop(
              session,
              new SearchListener() {
                @Override
                public void onStart(SearchPlan plan) {
                  System.out.println(
                      "steps " + plan.stepsPerEpoch() * (plan.totalEpochs() - plan.firstEpoch()));
                }

                @Override
                public void onEpoch(EpochResult r) {
                  System.out.println(
                      "epoch "
                          + r.epoch()
                          + " arrays "
                          + session.manager().getManagedArrays().size()
                          + " rss "
                          + residentKiB());
                }
              })
          .run(0);
    }
  }

  static long residentKiB() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(l -> l.startsWith("VmRSS:"))
          .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
          .findFirst()
          .orElse(0);
    } catch (IOException e) {
      return 0;
    }
  }
}
