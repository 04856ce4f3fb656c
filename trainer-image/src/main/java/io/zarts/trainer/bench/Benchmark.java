package io.zarts.trainer.bench;

import ai.djl.Device;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.validation.ArchitectureSearchValidator;
import io.zarts.trainer.alpha.AlphaStrategy;
import io.zarts.trainer.alpha.CandidateWorkers;
import io.zarts.trainer.alpha.ZeroOrderStrategy;
import io.zarts.trainer.data.Batch;
import io.zarts.trainer.devices.DevicePool;
import io.zarts.trainer.model.Alphas;
import io.zarts.trainer.nn.ArrayCount;
import io.zarts.trainer.nn.StepScope;
import io.zarts.trainer.train.SearchOptions;
import io.zarts.trainer.train.SearchSession;
import io.zarts.trainer.train.WeightStep;
import io.zarts.trainer.util.Rng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * Runs the benchmark configurations through the trainer's own code paths: {@link WeightStep} for
 * weight steps, the {@link ZeroOrderStrategy} of each algorithm for alpha updates (candidate
 * batching off, then on, on each number of candidate workers asked for), on synthetic data. Every
 * timing is a median over repeats after a warm-up.
 */
public final class Benchmark {

  public static final List<String> STRATEGIES = List.of("mgs", "rs", "gld");

  /** Weight steps before timing starts; reference_bench.py warms up as many. */
  static final int WEIGHT_STEP_WARMUPS = 5;

  private static final ArchitectureSearchValidator VALIDATOR =
      ArchitectureSearchValidator.bundled();

  private final int repeats;
  private final List<String> strategies;
  private final List<Integer> workerCounts;
  private final Consumer<String> log;
  private int alphaWarmups = 1;
  private boolean countArrays = true;

  public Benchmark(int repeats, List<String> strategies, Consumer<String> log) {
    this(repeats, strategies, List.of(1), log);
  }

  /**
   * @param workerCounts candidate-worker counts to time every alpha update with (CPU workers of the
   *     engine's thread count each), interleaved so that their ratios come from the same minutes
   */
  public Benchmark(
      int repeats, List<String> strategies, List<Integer> workerCounts, Consumer<String> log) {
    this.repeats = repeats;
    this.strategies = List.copyOf(strategies);
    this.workerCounts = List.copyOf(workerCounts);
    this.log = log;
  }

  /**
   * Untimed alpha updates before each timed series (default 1), and whether to run each once more
   * to count its arrays (default yes): a small configuration's update takes minutes on a 2-core
   * CPU, so the worker comparison there runs without either.
   */
  public Benchmark alphaUpdateExtras(int warmups, boolean countArrays) {
    this.alphaWarmups = warmups;
    this.countArrays = countArrays;
    return this;
  }

  /** One result per worker count, in the given order; the weight step is timed once for all. */
  public List<BenchResult> run(BenchConfig config) {
    Path scratch = scratch();
    Map<Integer, CandidateWorkers> pools = new LinkedHashMap<>();
    try (SearchSession session =
        SearchSession.open(
            search(config, "mgs", "off"), new SearchOptions(null, scratch, Device.cpu()))) {
      double stepMs = median(WEIGHT_STEP_WARMUPS, repeats, () -> weightStep(session));
      long stepArrays = arraysOf(() -> weightStep(session));
      log.accept(
          String.format("%s: weight step %.1f ms, %d arrays", config.name(), stepMs, stepArrays));
      Map<Integer, Map<String, double[]>> alpha = new LinkedHashMap<>();
      Map<Integer, Map<String, long[]>> alphaArrays = new LinkedHashMap<>();
      for (int k : workerCounts) {
        pools.put(k, CandidateWorkers.start(cpuWorkers(k), session.model()));
        alpha.put(k, new LinkedHashMap<>());
        alphaArrays.put(k, new LinkedHashMap<>());
      }
      if (config.alphaUpdates()) {
        for (String algorithm : strategies) {
          for (int k : workerCounts) {
            DoubleSupplier off = alphaUpdate(session, config, algorithm, "off", pools.get(k));
            DoubleSupplier on = alphaUpdate(session, config, algorithm, "on", pools.get(k));
            double offMs = median(alphaWarmups, repeats, off);
            double onMs = median(alphaWarmups, repeats, on);
            long[] arrays =
                countArrays
                    ? new long[] {arraysOf(off::getAsDouble), arraysOf(on::getAsDouble)}
                    : new long[] {-1, -1};
            alpha.get(k).put(algorithm, new double[] {offMs, onMs});
            alphaArrays.get(k).put(algorithm, arrays);
            log.accept(
                String.format(
                    "%s: %s alpha update, %d worker%s: %.0f ms sequential, %.0f ms batched;"
                        + " %d / %d arrays",
                    config.name(),
                    algorithm,
                    k,
                    k == 1 ? "" : "s",
                    offMs,
                    onMs,
                    arrays[0],
                    arrays[1]));
          }
        }
      }
      long peak = Memory.peakRssBytes();
      return workerCounts.stream()
          .map(
              k ->
                  new BenchResult(
                      config,
                      stepMs,
                      config.batch() * 1000.0 / stepMs,
                      alpha.get(k),
                      peak,
                      stepArrays,
                      alphaArrays.get(k),
                      k))
          .toList();
    } finally {
      pools.values().forEach(CandidateWorkers::close);
      deleteQuietly(scratch);
    }
  }

  /** k CPU workers with the engine's intra-op threads each. */
  private static DevicePool cpuWorkers(int k) {
    int threads = Integer.getInteger("ai.djl.pytorch.num_threads", 0);
    return new DevicePool(Collections.nCopies(k, Device.cpu()), threads, List.of());
  }

  /**
   * Resident set size after warm-up steps and after all steps of a long run of weight steps with an
   * alpha update every updateEvery steps: growth means a leak.
   */
  public long[] memoryTrend(BenchConfig config, int steps, int warmup, int updateEvery) {
    Path scratch = scratch();
    try (SearchSession session =
        SearchSession.open(
            search(config, "mgs", "on"), new SearchOptions(null, scratch, Device.cpu()))) {
      AlphaStrategy strategy = session.strategy();
      long afterWarmup = 0;
      for (int step = 1; step <= steps; step++) {
        if (step % updateEvery == 0) {
          try (StepScope scope = session.openScope()) {
            strategy.update(session.alphaUpdateContext(scope.manager(), 0));
          }
        }
        weightStep(session);
        if (step == warmup) {
          afterWarmup = Memory.currentRssBytes();
        }
      }
      return new long[] {afterWarmup, Memory.currentRssBytes()};
    } finally {
      deleteQuietly(scratch);
    }
  }

  /**
   * One weight step as the search loop runs it, scope included; the batch is loaded before the
   * clock starts.
   */
  private static double weightStep(SearchSession session) {
    try (StepScope scope = session.openScope()) {
      Batch batch = session.trainStream().next(scope.manager());
      long start = System.nanoTime();
      WeightStep.Output out =
          WeightStep.run(
              session.model(),
              session.sgd(),
              batch,
              0.025,
              session.spec().getTraining().getGradClip());
      out.loss().getFloat(); // wait for the result, as the training loop's bookkeeping does
      return (System.nanoTime() - start) / 1e6;
    }
  }

  /**
   * The NDArrays one run of the work creates, as the step scopes count them when they close: the
   * number of native tensors, which drives per-operation overhead.
   */
  private static long arraysOf(Runnable work) {
    ArrayCount.enable(true);
    try {
      ArrayCount.takeFreed();
      work.run();
      return ArrayCount.takeFreed();
    } finally {
      ArrayCount.enable(false);
    }
  }

  /** One alpha update, timed in ms; each starts from the same architecture. */
  private DoubleSupplier alphaUpdate(
      SearchSession session,
      BenchConfig config,
      String algorithm,
      String batching,
      CandidateWorkers workers) {
    ArchitectureSearch search = search(config, algorithm, batching);
    ZeroOrderStrategy strategy =
        new ZeroOrderStrategy(search.getSpec().getOptimizer(), 1, new Rng(7));
    Alphas alphas = session.model().alphas();
    float[] normal = alphas.normal().toFloatArray();
    float[] reduce = alphas.reduce().toFloatArray();
    return () -> {
      long start = System.nanoTime();
      try (StepScope scope = session.openScope()) {
        strategy.update(session.alphaUpdateContext(scope.manager(), 0).withWorkers(workers));
      }
      double ms = (System.nanoTime() - start) / 1e6;
      alphas.set(normal, reduce, null); // every update starts from the same architecture
      return ms;
    };
  }

  /**
   * Median of repeats timings after warm-up runs (the JIT compiles the per-op Java code in the
   * first few).
   */
  private static double median(int warmups, int repeats, DoubleSupplier timing) {
    for (int i = 0; i < warmups; i++) {
      timing.getAsDouble();
    }
    double[] values = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      values[i] = timing.getAsDouble();
    }
    Arrays.sort(values);
    return repeats % 2 == 1
        ? values[repeats / 2]
        : (values[repeats / 2 - 1] + values[repeats / 2]) / 2;
  }

  static ArchitectureSearch search(BenchConfig config, String algorithm, String batching) {
    String yaml =
        "apiVersion: zarts.io/v1alpha1\nkind: ArchitectureSearch\nmetadata:\n  name: bench-"
            + config.name()
            + "\nspec:\n"
            + config.specYaml(algorithm, batching);
    try {
      return VALIDATOR.validate(new YAMLMapper().readTree(yaml)).orThrow("bench-" + config.name());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path scratch() {
    try {
      return Files.createTempDirectory("zarts-bench");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder; nothing depends on it
    }
  }
}
