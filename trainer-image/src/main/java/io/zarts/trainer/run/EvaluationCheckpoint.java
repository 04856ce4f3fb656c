package io.zarts.trainer.run;

import io.zarts.api.v1alpha1.EvaluationSpec;
import io.zarts.trainer.checkpoint.CheckpointException;
import io.zarts.trainer.checkpoint.CheckpointStore;
import io.zarts.trainer.checkpoint.NamedTensor;
import io.zarts.trainer.checkpoint.TensorFile;
import io.zarts.trainer.data.BatchStream;
import io.zarts.trainer.evaluate.EvaluationSession;
import io.zarts.trainer.nn.ParameterStore;
import io.zarts.trainer.output.Json;
import io.zarts.trainer.train.LoopPosition;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a checkpoint of an evaluation holds: weights.bin, batchnorm.bin, weight-optimizer.bin (SGD
 * momentum), rng.json (the training stream and the drop-path generator) and position.json.
 */
public final class EvaluationCheckpoint implements CheckpointSource {

  static final String WEIGHTS = "weights.bin";
  static final String BATCHNORM = "batchnorm.bin";
  static final String WEIGHT_OPTIMIZER = "weight-optimizer.bin";
  static final String RNG = "rng.json";
  static final String POSITION = "position.json";

  private final EvaluationSession session;

  public EvaluationCheckpoint(EvaluationSession session) {
    this.session = session;
  }

  /** The generators of an evaluation, as rng.json holds them. */
  record Generators(BatchStream.State train, long[] dropPath) {}

  @Override
  public Map<String, String> identity() {
    EvaluationSpec e = session.evaluation();
    Map<String, String> id = new LinkedHashMap<>();
    id.put("stage", "evaluation");
    id.put(
        "dataset", Json.MAPPER.convertValue(session.spec().getDataset().getName(), String.class));
    id.put("genotype", session.genotype().getText());
    id.put("layers", String.valueOf(e.getLayers()));
    id.put("initChannels", String.valueOf(e.getInitChannels()));
    id.put("weights", String.valueOf(session.net().parameters().weightCount()));
    // What shapes the images the evaluation trains on and the position of its loop.
    id.put("spec.evaluation.maxSamples", String.valueOf(e.getMaxSamples()));
    id.put("spec.evaluation.batchSize", String.valueOf(e.getBatchSize()));
    id.put("spec.evaluation.seed", String.valueOf(e.getSeed()));
    id.put("spec.evaluation.cutout", String.valueOf(e.getCutout()));
    return id;
  }

  @Override
  public Map<String, CheckpointStore.Content> files(LoopPosition position) {
    ParameterStore params = session.net().parameters();
    Map<String, CheckpointStore.Content> files = new LinkedHashMap<>();
    List<NamedTensor> weights = CheckpointFiles.host(session.weights());
    List<NamedTensor> buffers =
        CheckpointFiles.host(params.buffers().stream().map(ParameterStore.Entry::array).toList());
    List<NamedTensor> momentum = CheckpointFiles.host(session.sgd().state());
    files.put(WEIGHTS, out -> TensorFile.write(out, weights));
    files.put(BATCHNORM, out -> TensorFile.write(out, buffers));
    files.put(WEIGHT_OPTIMIZER, out -> TensorFile.write(out, momentum));
    byte[] rng =
        CheckpointFiles.json(
            new Generators(session.trainStream().state(), session.dropPath().state()));
    files.put(RNG, out -> out.write(rng));
    byte[] pos = CheckpointFiles.json(position);
    files.put(POSITION, out -> out.write(pos));
    return files;
  }

  @Override
  public LoopPosition restore(CheckpointStore.Loaded checkpoint) {
    ParameterStore params = session.net().parameters();
    try {
      CheckpointFiles.load(checkpoint, WEIGHTS, session.weights());
      CheckpointFiles.load(
          checkpoint,
          BATCHNORM,
          params.buffers().stream().map(ParameterStore.Entry::array).toList());
      CheckpointFiles.load(checkpoint, WEIGHT_OPTIMIZER, session.sgd().state());
      Generators g;
      try (InputStream in = checkpoint.open(RNG)) {
        g = CheckpointFiles.JSON.readValue(in, Generators.class);
      }
      CheckpointFiles.restore(checkpoint, session.trainStream(), g.train());
      session.dropPath().restore(g.dropPath());
      try (InputStream in = checkpoint.open(POSITION)) {
        return CheckpointFiles.JSON.readValue(in, LoopPosition.class);
      }
    } catch (IOException e) {
      throw new CheckpointException(
          "cannot read checkpoint " + checkpoint.dir() + ": " + e.getMessage(), e);
    }
  }
}
