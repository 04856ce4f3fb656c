package io.zarts.trainer.run;

import ai.djl.Device;
import io.zarts.api.genotype.Genotype;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.trainer.checkpoint.CheckpointStore;
import io.zarts.trainer.checkpoint.FaultInjector;
import io.zarts.trainer.evaluate.EvaluationListener;
import io.zarts.trainer.evaluate.EvaluationLoop;
import io.zarts.trainer.evaluate.EvaluationResult;
import io.zarts.trainer.evaluate.EvaluationSession;
import io.zarts.trainer.evaluate.ModelFolder;
import io.zarts.trainer.output.AtomicFiles;
import io.zarts.trainer.output.Json;
import io.zarts.trainer.train.LoopPosition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One trainer process's run of an evaluation: checkpoints in its own folder (the search's
 * evaluation/, which belongs to one genotype: {@link EvaluationFolder}), resume from the newest
 * valid one, the retraining loop with periodic checkpoints, and at the end the model folder and
 * summary.json.
 */
public final class EvaluationRunner {

  /** The folder of the exported model inside the evaluation folder. */
  public static final String MODEL = "model";

  /** The outcome: the loop's result, and the final test accuracy (NaN when stopped early). */
  public record Outcome(EvaluationResult result, double testAccuracy, Path modelDir) {}

  private final ArchitectureSearch search;
  private final Genotype genotype;
  private final Path dataDir;
  private final Path outDir;
  private final Device device;
  private final EvaluationListener listener;
  private final FaultInjector faults;
  private final Consumer<String> log;
  private final Consumer<PeriodicCheckpointer.Saved> onCheckpoint;

  public EvaluationRunner(
      ArchitectureSearch search,
      Genotype genotype,
      Path dataDir,
      Path outDir,
      Device device,
      EvaluationListener listener,
      FaultInjector faults,
      Consumer<String> log,
      Consumer<PeriodicCheckpointer.Saved> onCheckpoint) {
    this.search = search;
    this.genotype = genotype;
    this.dataDir = dataDir;
    this.outDir = outDir;
    this.device = device;
    this.listener = listener;
    // The evaluation's points are prefixed, so a test can aim at them in a process that searched
    // first.
    this.faults = point -> faults.reached("evaluation:" + point);
    this.log = log;
    this.onCheckpoint = onCheckpoint;
  }

  public Outcome run(BooleanSupplier stopRequested) {
    EvaluationFolder.claim(outDir, genotype, log);
    int keep = search.getSpec().getCheckpoint().getKeep();
    int every = search.getSpec().getCheckpoint().getEveryEpochs();
    try (CheckpointStore store = new CheckpointStore(outDir, keep, faults, log);
        EvaluationSession session = EvaluationSession.open(search, genotype, dataDir, device)) {
      CheckpointSource source = new EvaluationCheckpoint(session);
      LoopPosition position = source.resume(store, log);
      PeriodicCheckpointer checkpointer =
          new PeriodicCheckpointer(source, store, every, faults, onCheckpoint);
      EvaluationLoop loop = new EvaluationLoop(session, listener, checkpointer, stopRequested);
      EvaluationResult result = loop.run(position);
      if (result.preempted()) {
        return new Outcome(result, Double.NaN, null);
      }
      // Resumed after the last epoch, nothing trained in this run: score the restored network.
      double testAccuracy =
          result.lastEpoch() != null ? result.lastEpoch().testAccuracy() : loop.test().accuracy();
      Path modelDir = outDir.resolve(MODEL);
      ModelFolder.write(modelDir, session, testAccuracy);
      Path summary = outDir.resolve("summary.json");
      // A rerun after the end trains nothing: the summary of the run that trained stays.
      if (result.lastEpoch() != null || !Files.exists(summary)) {
        AtomicFiles.write(summary, summary(result, testAccuracy, modelDir));
      }
      return new Outcome(result, testAccuracy, modelDir);
    }
  }

  private String summary(EvaluationResult result, double testAccuracy, Path modelDir) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", result.name());
    doc.put("testAccuracy", testAccuracy);
    doc.put("parameters", result.parameters());
    doc.put("epochs", search.getSpec().getEvaluation().getEpochs());
    if (result.lastEpoch() != null) {
      doc.put("trainLoss", result.lastEpoch().trainLoss());
      doc.put("trainAccuracy", result.lastEpoch().trainAccuracy());
      doc.put("testLoss", result.lastEpoch().testLoss());
    }
    doc.put("genotype", genotype.getText());
    doc.put("modelPath", modelDir.toString());
    doc.put("seconds", result.seconds());
    return Json.write(doc);
  }
}
