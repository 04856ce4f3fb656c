package io.zarts.trainer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zarts.trainer.bench.BenchConfig;
import io.zarts.trainer.bench.BenchResult;
import io.zarts.trainer.bench.Benchmark;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * zarts bench: weight-step and alpha-update timings of the fixed configurations (tiny, small,
 * full), with candidate batching off and on, and peak memory, as a table (or JSON for
 * trainer-image/bench/side-by-side.sh and combine.py).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Time weight steps and alpha updates (MGS, RS, GLD; candidate batching off and on) on the"
            + " fixed tiny, small and full configurations, and report images/s and peak RSS.")
final class BenchCommand implements Callable<Integer> {

  /** Weight steps between the memory run's (batched MGS) alpha updates. */
  static final int MEMORY_UPDATE_EVERY = 50;

  @Option(
      names = "--configs",
      split = ",",
      defaultValue = "tiny,small,full",
      description =
          "Configurations to run: tiny, small, full, or micro (a smoke test in seconds)"
              + " (default: ${DEFAULT-VALUE}).")
  List<String> configs;

  @Option(
      names = "--strategies",
      split = ",",
      defaultValue = "mgs,rs,gld",
      description = "Alpha strategies to time, or none (default: ${DEFAULT-VALUE}).")
  List<String> strategies;

  @Option(
      names = "--repeats",
      defaultValue = "5",
      description =
          "Timed repeats per measurement, after one"
              + " warm-up; the median is reported (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(
      names = "--full-alpha",
      description =
          "Also time alpha updates on the full configuration (hours on a" + " small CPU).")
  boolean fullAlpha;

  @Option(
      names = "--memory-steps",
      defaultValue = "0",
      description =
          "Also run this many weight steps of the first configuration"
              + " (a batched MGS alpha update every 50) and report the resident set size after the first 10%% and at the end.")
  int memorySteps;

  @Option(
      names = "--workers",
      split = ",",
      defaultValue = "1",
      description =
          "Candidate-worker counts to time the alpha updates with, e.g. 1,2: CPU workers of"
              + " --threads threads each, interleaved in one run (default: ${DEFAULT-VALUE}).")
  List<Integer> workers;

  @Option(
      names = "--threads",
      defaultValue = "1",
      description =
          "Intra-op threads of the engine, per worker; 0 is one per CPU (default: ${DEFAULT-VALUE},"
              + " as the recorded benchmarks and the PyTorch reference use).")
  int threads;

  @Option(
      names = "--alpha-warmups",
      defaultValue = "1",
      description = "Untimed alpha updates before each timed series (default: ${DEFAULT-VALUE}).")
  int alphaWarmups;

  @Option(
      names = "--no-array-counts",
      description =
          "Skip the extra run of each alpha update that counts its NDArrays (shown as -1).")
  boolean noArrayCounts;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (strategies.equals(List.of("none"))) {
      strategies = List.of();
    }
    for (String s : strategies) {
      if (!Benchmark.STRATEGIES.contains(s)) {
        err.println("error: --strategies: unknown strategy " + s + "; use mgs, rs, gld or none");
        return ExitCodes.INVALID_CONFIG;
      }
    }
    if (threads < 0) {
      err.println(
          "error: --threads: " + threads + " is not a thread count; use 0 (one per CPU) or more");
      return ExitCodes.INVALID_CONFIG;
    }
    // before the engine starts: it reads its thread settings once
    RunOptions.configureThreads(threads);
    for (int k : workers) {
      if (k < 1 || k > 64) {
        err.println("error: --workers: " + k + " is not a worker count; use 1 to 64");
        return ExitCodes.INVALID_CONFIG;
      }
    }
    List<BenchConfig> selected = new ArrayList<>();
    for (String name : configs) {
      BenchConfig c = BenchConfig.named(name).orElse(null);
      if (c == null) {
        err.println(
            "error: --configs: unknown configuration " + name + "; use tiny, small, full or micro");
        return ExitCodes.INVALID_CONFIG;
      }
      selected.add(c.name().equals("full") && fullAlpha ? c.withAlphaUpdates(true) : c);
    }
    Benchmark bench =
        new Benchmark(
            repeats,
            strategies,
            workers,
            line -> {
              err.println(line);
              err.flush();
            });
    bench.alphaUpdateExtras(alphaWarmups, !noArrayCounts);
    List<BenchResult> results = new ArrayList<>();
    for (BenchConfig c : selected) {
      results.addAll(bench.run(c));
    }
    long[] memory =
        memorySteps > 0
            ? bench.memoryTrend(
                selected.get(0), memorySteps, Math.max(1, memorySteps / 10), MEMORY_UPDATE_EVERY)
            : null;
    out.print(json ? json(results, memory) : table(results, memory));
    out.flush();
    return ExitCodes.OK;
  }

  static String table(List<BenchResult> results, long[] memory) {
    StringBuilder t = new StringBuilder();
    t.append(
        "| config | C / layers / image / batch | weight step ms | NDArrays per step | images/s |"
            + " peak RSS MiB |\n");
    t.append("|---|---|---:|---:|---:|---:|\n");
    for (BenchResult r : results) {
      BenchConfig c = r.config();
      if (r != firstOf(results, c)) {
        continue; // the weight step is timed once per configuration
      }
      t.append(
          String.format(
              "| %s | %d / %d / %d / %d | %.1f | %d | %.0f | %.0f |%n",
              c.name(),
              c.channels(),
              c.layers(),
              c.imageSize(),
              c.batch(),
              r.weightStepMs(),
              r.weightStepArrays(),
              r.imagesPerSecond(),
              r.peakRssBytes() / 1048576.0));
    }
    t.append(
        "\n| config | strategy | workers | alpha update ms, sequential | batched |"
            + " sequential / batched | NDArrays, sequential / batched |\n");
    t.append("|---|---|---:|---:|---:|---:|---:|\n");
    for (BenchResult r : results) {
      for (Map.Entry<String, double[]> e : r.alphaUpdateMs().entrySet()) {
        t.append(
            String.format(
                "| %s | %s | %d | %.0f | %.0f | %.2f | %d / %d |%n",
                r.config().name(),
                e.getKey(),
                r.workers(),
                e.getValue()[0],
                e.getValue()[1],
                r.speedup(e.getKey()),
                r.alphaUpdateArrays().get(e.getKey())[0],
                r.alphaUpdateArrays().get(e.getKey())[1]));
      }
    }
    appendWorkerSpeedups(t, results);
    if (memory != null) {
      t.append(
          String.format(
              "%nRSS after the first 10%% of the memory run: %.0f MiB; at the end: %.0f MiB%n",
              memory[0] / 1048576.0, memory[1] / 1048576.0));
    }
    return t.toString();
  }

  private static BenchResult firstOf(List<BenchResult> results, BenchConfig config) {
    return results.stream().filter(r -> r.config().equals(config)).findFirst().orElseThrow();
  }

  /** With several worker counts: each one's alpha-update time against the first count's. */
  private static void appendWorkerSpeedups(StringBuilder t, List<BenchResult> results) {
    List<BenchResult> others =
        results.stream().filter(r -> r != firstOf(results, r.config())).toList();
    if (others.isEmpty()) {
      return;
    }
    t.append(
        "\n| config | strategy | workers | vs workers | speed-up, sequential | speed-up,"
            + " batched |\n");
    t.append("|---|---|---:|---:|---:|---:|\n");
    for (BenchResult r : others) {
      BenchResult base = firstOf(results, r.config());
      for (Map.Entry<String, double[]> e : r.alphaUpdateMs().entrySet()) {
        double[] before = base.alphaUpdateMs().get(e.getKey());
        t.append(
            String.format(
                "| %s | %s | %d | %d | %.2f | %.2f |%n",
                r.config().name(),
                e.getKey(),
                r.workers(),
                base.workers(),
                before[0] / e.getValue()[0],
                before[1] / e.getValue()[1]));
      }
    }
  }

  static String json(List<BenchResult> results, long[] memory) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    ArrayNode rows = root.putArray("configs");
    for (BenchResult r : results) {
      ObjectNode row = rows.addObject();
      row.put("name", r.config().name());
      row.put("workers", r.workers());
      row.put("weightStepMs", r.weightStepMs());
      row.put("weightStepArrays", r.weightStepArrays());
      row.put("imagesPerSecond", r.imagesPerSecond());
      row.put("peakRssBytes", r.peakRssBytes());
      ObjectNode alpha = row.putObject("alphaUpdateMs");
      r.alphaUpdateMs()
          .forEach((k, v) -> alpha.putObject(k).put("sequential", v[0]).put("batched", v[1]));
      ObjectNode alphaArrays = row.putObject("alphaUpdateArrays");
      r.alphaUpdateArrays()
          .forEach((k, v) -> alphaArrays.putObject(k).put("sequential", v[0]).put("batched", v[1]));
    }
    if (memory != null) {
      root.putObject("memory")
          .put("rssAfterWarmupBytes", memory[0])
          .put("rssAtEndBytes", memory[1]);
    }
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
