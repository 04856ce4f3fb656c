package io.zarts.trainer.run;

import ai.djl.Device;
import io.zarts.api.genotype.Gene;
import io.zarts.api.genotype.Genotype;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.trainer.alpha.AlphaUpdate;
import io.zarts.trainer.alpha.WeightSpread;
import io.zarts.trainer.checkpoint.FaultInjector;
import io.zarts.trainer.evaluate.EvaluationListener;
import io.zarts.trainer.output.AtomicFiles;
import io.zarts.trainer.output.ComparisonRow;
import io.zarts.trainer.output.Json;
import io.zarts.trainer.output.SearchOutput;
import io.zarts.trainer.space.SearchSpace;
import io.zarts.trainer.train.EpochResult;
import io.zarts.trainer.train.SearchListener;
import io.zarts.trainer.train.SearchOptions;
import io.zarts.trainer.train.SearchResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One cell of a strategy comparison in its own folder: the search with checkpoints (a rerun resumes
 * it), then the evaluation of its genotype when the resource has spec.evaluation. What the search
 * measured is kept in compare-search.json and the finished row in compare.json, so a rerun of the
 * grid skips what is done and resumes what was interrupted.
 */
public final class ComparisonRunner {

  public static final String ROW_FILE = "compare.json";
  static final String SEARCH_FILE = "compare-search.json";

  /** Operations without weights: DARTS' collapse fills the normal cell with them. */
  static final Set<String> PARAMETER_FREE =
      Set.of("none", "skip_connect", "max_pool_3x3", "avg_pool_3x3");

  /** What the search of a cell measured; alpha-update figures cover the process that ran it. */
  record SearchMeasurement(
      double finalValidAccuracy,
      double bestValidAccuracy,
      double seconds,
      int alphaUpdates,
      double secondsPerAlphaUpdate,
      double meanStepNorm,
      double alphaSpread,
      String genotype) {}

  private final Path dataDir;
  private final Device device;
  private final Consumer<String> log;

  public ComparisonRunner(Path dataDir, Device device, Consumer<String> log) {
    this.dataDir = dataDir;
    this.device = device;
    this.log = log;
  }

  /** Runs (or resumes, or reads back) the cell. */
  public ComparisonRow run(ArchitectureSearch search, String group, int seed, Path dir) {
    Path rowFile = dir.resolve(ROW_FILE);
    if (Files.exists(rowFile)) {
      return read(rowFile, ComparisonRow.class);
    }
    Path searchFile = dir.resolve(SEARCH_FILE);
    SearchMeasurement s =
        Files.exists(searchFile)
            ? read(searchFile, SearchMeasurement.class)
            : search(search, dir, searchFile);
    Genotype genotype = Genotype.parse(s.genotype());
    Double testAccuracy = null;
    Long parameters = null;
    Double evaluationSeconds = null;
    if (search.getSpec().getEvaluation() != null) {
      EvaluationRunner.Outcome outcome =
          new EvaluationRunner(
                  search,
                  genotype,
                  dataDir,
                  dir.resolve("evaluation"),
                  device,
                  new EvaluationListener() {},
                  FaultInjector.NONE,
                  log,
                  saved -> {})
              .run(() -> false);
      testAccuracy = outcome.testAccuracy();
      parameters = outcome.result().parameters();
      evaluationSeconds = outcome.result().seconds();
    }
    ComparisonRow row =
        new ComparisonRow(
            group,
            Json.MAPPER.convertValue(search.getSpec().getSearchSpace().getName(), String.class),
            Json.MAPPER.convertValue(search.getSpec().getOptimizer().getAlgorithm(), String.class),
            seed,
            s.finalValidAccuracy(),
            s.bestValidAccuracy(),
            s.seconds(),
            s.alphaUpdates(),
            s.secondsPerAlphaUpdate(),
            s.meanStepNorm(),
            s.alphaSpread(),
            parameterFree(genotype),
            genotype.getNormal().size(),
            genotype.getText(),
            testAccuracy,
            parameters,
            evaluationSeconds);
    AtomicFiles.write(rowFile, Json.write(row));
    return row;
  }

  private SearchMeasurement search(ArchitectureSearch search, Path dir, Path searchFile) {
    var spec = search.getSpec();
    SearchOutput output =
        new SearchOutput(
            dir, SearchSpace.of(spec.getSearchSpace().getName(), spec.getSearchSpace().getNodes()));
    double[] updates = {0, 0, 0}; // count, seconds, step norms
    EpochResult[] last = {null};
    SearchListener measure =
        new SearchListener() {
          @Override
          public void onAlphaUpdate(int epoch, int step, AlphaUpdate update) {
            updates[0]++;
            updates[1] += update.seconds();
            updates[2] += update.stepNorm();
          }

          @Override
          public void onEpoch(EpochResult r) {
            last[0] = r;
          }
        };
    SearchResult result =
        new SearchRunner(
                search,
                new SearchOptions(dataDir, dir, device),
                SearchListener.all(output, measure),
                FaultInjector.NONE,
                log,
                saved -> {})
            .run(() -> false);
    if (last[0] == null) {
      throw new IllegalStateException(
          dir + " holds a finished search without " + SEARCH_FILE + ": delete the folder to rerun");
    }
    int count = (int) updates[0];
    SearchMeasurement m =
        new SearchMeasurement(
            result.lastEpoch().validAccuracy(),
            result.bestValidAccuracy(),
            result.seconds(),
            count,
            count == 0 ? 0 : updates[1] / count,
            count == 0 ? 0 : updates[2] / count,
            Math.max(
                WeightSpread.largest(last[0].normalWeights()),
                WeightSpread.largest(last[0].reduceWeights())),
            result.genotype().getText());
    AtomicFiles.write(searchFile, Json.write(m));
    return m;
  }

  static int parameterFree(Genotype genotype) {
    int n = 0;
    for (Gene g : genotype.getNormal()) {
      n += PARAMETER_FREE.contains(g.getOp()) ? 1 : 0;
    }
    return n;
  }

  private static <T> T read(Path file, Class<T> type) {
    try {
      return Json.MAPPER.readValue(file.toFile(), type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": delete it to rerun the cell", e);
    }
  }
}
