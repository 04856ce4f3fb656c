package io.zarts.trainer.run;

import io.zarts.api.v1alpha1.ArchitectureSearchSpec;
import io.zarts.api.v1alpha1.DatasetSpec;
import io.zarts.api.v1alpha1.OptimizerSpec;
import io.zarts.api.v1alpha1.SyntheticDataSpec;
import io.zarts.trainer.checkpoint.CheckpointException;
import io.zarts.trainer.checkpoint.CheckpointStore;
import io.zarts.trainer.checkpoint.NamedTensor;
import io.zarts.trainer.checkpoint.TensorFile;
import io.zarts.trainer.data.BatchStream;
import io.zarts.trainer.model.Alphas;
import io.zarts.trainer.nn.ParameterStore;
import io.zarts.trainer.output.AlphaReport;
import io.zarts.trainer.output.Json;
import io.zarts.trainer.train.LoopPosition;
import io.zarts.trainer.train.SearchSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a checkpoint of a search holds, file by file: weights.bin, batchnorm.bin (running
 * statistics), weight-optimizer.bin (SGD momentum), alpha-optimizer.bin (Adam moments for darts),
 * alphas.bin and a readable alphas.json, rng.json (every generator and data-stream position) and
 * position.json (epoch, step, running sums, best accuracy, resumes). Restoring puts every value
 * back into the session's existing arrays.
 */
public final class SessionCheckpoint {

  static final String WEIGHTS = "weights.bin";
  static final String BATCHNORM = "batchnorm.bin";
  static final String WEIGHT_OPTIMIZER = "weight-optimizer.bin";
  static final String ALPHA_OPTIMIZER = "alpha-optimizer.bin";
  static final String ALPHAS = "alphas.bin";
  static final String ALPHAS_JSON = "alphas.json";
  static final String RNG = "rng.json";
  static final String POSITION = "position.json";

  private SessionCheckpoint() {}

  /** The session as the source of its checkpoints. */
  public static CheckpointSource source(SearchSession session) {
    return new CheckpointSource() {
      @Override
      public Map<String, String> identity() {
        return SessionCheckpoint.identity(session);
      }

      @Override
      public Map<String, CheckpointStore.Content> files(LoopPosition position) {
        return SessionCheckpoint.files(session, position);
      }

      @Override
      public LoopPosition restore(CheckpointStore.Loaded checkpoint) {
        return SessionCheckpoint.restore(session, checkpoint);
      }
    };
  }

  /** What must match for a checkpoint to be resumed by this search. */
  public static Map<String, String> identity(SearchSession session) {
    ArchitectureSearchSpec spec = session.spec();
    Map<String, String> id = new LinkedHashMap<>();
    id.put("dataset", Json.MAPPER.convertValue(spec.getDataset().getName(), String.class));
    id.put("searchSpace", Json.MAPPER.convertValue(spec.getSearchSpace().getName(), String.class));
    id.put("layers", String.valueOf(spec.getSearchSpace().getLayers()));
    id.put("initChannels", String.valueOf(spec.getSearchSpace().getInitChannels()));
    id.put("nodes", String.valueOf(spec.getSearchSpace().getNodes()));
    id.put("algorithm", Json.MAPPER.convertValue(spec.getOptimizer().getAlgorithm(), String.class));
    id.put("weights", String.valueOf(session.model().net().parameters().weightCount()));
    // The fields that shape the data the search sees and the position of its loop: under other
    // values a checkpoint's stream positions and step counts would point into another split.
    DatasetSpec dataset = spec.getDataset();
    id.put("spec.dataset.trainPortion", String.valueOf(dataset.getTrainPortion()));
    id.put("spec.dataset.maxSamples", String.valueOf(dataset.getMaxSamples()));
    SyntheticDataSpec synthetic = dataset.getSynthetic();
    if (synthetic != null) {
      id.put("spec.dataset.synthetic.samples", String.valueOf(synthetic.getSamples()));
      id.put("spec.dataset.synthetic.imageSize", String.valueOf(synthetic.getImageSize()));
    }
    id.put("spec.training.batchSize", String.valueOf(spec.getTraining().getBatchSize()));
    id.put("spec.training.seed", String.valueOf(spec.getTraining().getSeed()));
    OptimizerSpec optimizer = spec.getOptimizer();
    id.put("spec.optimizer.innerBatchSize", String.valueOf(optimizer.getInnerBatchSize()));
    id.put(
        "spec.optimizer.innerDataSplit",
        Json.MAPPER.convertValue(optimizer.getInnerDataSplit(), String.class));
    id.put("spec.optimizer.updateEvery", String.valueOf(optimizer.getUpdateEvery()));
    return id;
  }

  /** The files of a checkpoint at the given position, in write order. */
  public static Map<String, CheckpointStore.Content> files(
      SearchSession session, LoopPosition position) {
    ParameterStore params = session.model().net().parameters();
    Alphas alphas = session.model().alphas();
    Map<String, CheckpointStore.Content> files = new LinkedHashMap<>();
    List<NamedTensor> weights =
        CheckpointFiles.host(params.weights().stream().map(e -> e.array()).toList());
    List<NamedTensor> buffers =
        CheckpointFiles.host(params.buffers().stream().map(e -> e.array()).toList());
    List<NamedTensor> momentum = CheckpointFiles.host(session.sgd().state());
    List<NamedTensor> alphaOptimizer = CheckpointFiles.host(session.strategy().state());
    List<NamedTensor> alphaArrays = CheckpointFiles.host(alphas.both());
    files.put(WEIGHTS, out -> TensorFile.write(out, weights));
    files.put(BATCHNORM, out -> TensorFile.write(out, buffers));
    files.put(WEIGHT_OPTIMIZER, out -> TensorFile.write(out, momentum));
    files.put(ALPHA_OPTIMIZER, out -> TensorFile.write(out, alphaOptimizer));
    files.put(ALPHAS, out -> TensorFile.write(out, alphaArrays));
    String readable =
        Json.write(
            AlphaReport.of(
                position.epoch(),
                Json.MAPPER.convertValue(alphas.space().name(), String.class),
                alphas.space().normal(),
                alphas.normalWeights(),
                alphas.space().reduce(),
                alphas.reduceWeights()));
    files.put(ALPHAS_JSON, out -> out.write(readable.getBytes(StandardCharsets.UTF_8)));
    byte[] rng = CheckpointFiles.json(generators(session));
    files.put(RNG, out -> out.write(rng));
    byte[] pos = CheckpointFiles.json(position);
    files.put(POSITION, out -> out.write(pos));
    return files;
  }

  /**
   * Puts a checkpoint's values back into the session; returns the loop position to continue from.
   */
  public static LoopPosition restore(SearchSession session, CheckpointStore.Loaded checkpoint) {
    ParameterStore params = session.model().net().parameters();
    try {
      CheckpointFiles.load(
          checkpoint, WEIGHTS, params.weights().stream().map(e -> e.array()).toList());
      CheckpointFiles.load(
          checkpoint, BATCHNORM, params.buffers().stream().map(e -> e.array()).toList());
      CheckpointFiles.load(checkpoint, WEIGHT_OPTIMIZER, session.sgd().state());
      CheckpointFiles.load(checkpoint, ALPHA_OPTIMIZER, session.strategy().state());
      CheckpointFiles.load(checkpoint, ALPHAS, session.model().alphas().both());
      Generators g;
      try (InputStream in = checkpoint.open(RNG)) {
        g = CheckpointFiles.JSON.readValue(in, Generators.class);
      }
      CheckpointFiles.restore(checkpoint, session.trainStream(), g.train());
      CheckpointFiles.restore(checkpoint, session.validStream(), g.valid());
      CheckpointFiles.restore(checkpoint, session.innerStream(), g.inner());
      session.model().noise().restore(g.noise());
      session.strategy().restoreCounters(g.strategy());
      try (InputStream in = checkpoint.open(POSITION)) {
        return CheckpointFiles.JSON.readValue(in, LoopPosition.class);
      }
    } catch (IOException e) {
      throw new CheckpointException(
          "cannot read checkpoint " + checkpoint.dir() + ": " + e.getMessage(), e);
    }
  }

  /** Every generator and stream position, as rng.json holds them. */
  record Generators(
      BatchStream.State train,
      BatchStream.State valid,
      BatchStream.State inner,
      long[] noise,
      Map<String, long[]> strategy) {}

  private static Generators generators(SearchSession s) {
    return new Generators(
        s.trainStream().state(),
        s.validStream().state(),
        s.innerStream().state(),
        s.model().noise().state(),
        s.strategy().counters());
  }
}
