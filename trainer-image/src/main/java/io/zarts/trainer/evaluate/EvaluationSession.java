package io.zarts.trainer.evaluate;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.zarts.api.genotype.Genotype;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchSpec;
import io.zarts.api.v1alpha1.EvaluationSpec;
import io.zarts.trainer.data.BatchStream;
import io.zarts.trainer.data.EvaluationData;
import io.zarts.trainer.model.EvalConfig;
import io.zarts.trainer.model.EvalNetwork;
import io.zarts.trainer.nn.Autograd;
import io.zarts.trainer.nn.ParameterStore;
import io.zarts.trainer.nn.StepScope;
import io.zarts.trainer.optim.CosineSchedule;
import io.zarts.trainer.optim.Sgd;
import io.zarts.trainer.util.Rng;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Everything one evaluation holds: the training and test images with their streams, the genotype's
 * network on a long-lived manager, SGD with the reference's momentum, weight decay and clipping,
 * the cosine schedule to 0 ({@link EvaluationSchedule}), and the drop-path generator. Every random
 * stream derives from spec.evaluation.seed.
 */
public final class EvaluationSession implements AutoCloseable {

  /** The reference's fixed settings (DARTS train.py): SGD momentum, weight decay, clipping. */
  public static final double MOMENTUM = 0.9;

  public static final double WEIGHT_DECAY = 3e-4;
  public static final double GRAD_CLIP = 5;

  /** Images per test batch: the test set is scored in eval mode, so the size only bounds memory. */
  static final int TEST_BATCH = 100;

  private final String name;
  private final ArchitectureSearchSpec spec;
  private final EvaluationSpec evaluation;
  private final Genotype genotype;
  private final EvaluationData data;
  private final NDManager manager;
  private final EvalNetwork net;
  private final Sgd sgd;
  private final EvaluationSchedule schedule;
  private final BatchStream trainStream;
  private final BatchStream testStream;
  private final Rng dropPath;
  private final List<NDArray> longLived = new ArrayList<>();

  private EvaluationSession(
      ArchitectureSearch search, Genotype genotype, Path dataDir, Device device) {
    this.name = search.getMetadata().getName();
    this.spec = search.getSpec();
    this.evaluation = spec.getEvaluation();
    this.genotype = genotype;
    long seed = evaluation.getSeed();
    // The training images are the search's (synthetic ones come from the search's seed).
    this.data =
        EvaluationData.load(
            spec.getDataset(),
            spec.getEvaluation().getMaxSamples(),
            dataDir,
            spec.getTraining().getSeed());
    int[] all = IntStream.range(0, data.train().size()).toArray();
    this.trainStream =
        BatchStream.withCutout(
            data.train(),
            all,
            evaluation.getBatchSize(),
            Rng.derive(seed, "evaluation-train"),
            evaluation.getCutout());
    int tests = data.test().size();
    // A trailing batch of one image would be dropped by the stream; a batch of 101 keeps it.
    this.testStream =
        BatchStream.inOrder(
            data.test(),
            IntStream.range(0, tests).toArray(),
            tests % TEST_BATCH == 1 ? TEST_BATCH + 1 : TEST_BATCH);
    this.dropPath = Rng.derive(seed, "evaluation-drop-path");
    // DJL turns recording off on the thread that loads the engine; this may be another one.
    Autograd.stopRecording();
    this.manager = NDManager.newBaseManager(device);
    try {
      EvalConfig config =
          new EvalConfig(
              evaluation.getInitChannels(),
              evaluation.getLayers(),
              data.train().classes(),
              data.train().channels(),
              data.train().height(),
              evaluation.getAuxiliaryWeight() > 0);
      ParameterStore store = new ParameterStore(manager, Rng.derive(seed, "evaluation-init"));
      this.net = new EvalNetwork(config, genotype, store);
      this.sgd = new Sgd(store.packedWeights(), manager, MOMENTUM, WEIGHT_DECAY);
      this.schedule =
          new EvaluationSchedule(
              new CosineSchedule(evaluation.getLearningRate(), 0, evaluation.getEpochs()),
              Boolean.TRUE.equals(spec.getOptimizer().getReferenceParity()));
      longLived.addAll(store.allArrays());
      longLived.addAll(sgd.longLived());
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** Loads the data and builds the network of the genotype. */
  public static EvaluationSession open(
      ArchitectureSearch search, Genotype genotype, Path dataDir, Device device) {
    return new EvaluationSession(search, genotype, dataDir, device);
  }

  /** A scope for one step, with every long-lived array temporarily attached. */
  public StepScope openScope() {
    return StepScope.open(manager, longLived);
  }

  public String name() {
    return name;
  }

  public EvaluationSpec evaluation() {
    return evaluation;
  }

  public ArchitectureSearchSpec spec() {
    return spec;
  }

  public Genotype genotype() {
    return genotype;
  }

  public EvaluationData data() {
    return data;
  }

  public NDManager manager() {
    return manager;
  }

  public EvalNetwork net() {
    return net;
  }

  public List<NDArray> weights() {
    return net.parameters().weights().stream().map(ParameterStore.Entry::array).toList();
  }

  public Sgd sgd() {
    return sgd;
  }

  public EvaluationSchedule schedule() {
    return schedule;
  }

  public BatchStream trainStream() {
    return trainStream;
  }

  public BatchStream testStream() {
    return testStream;
  }

  public Rng dropPath() {
    return dropPath;
  }

  /** The drop-path probability of an epoch: rising linearly from 0 to dropPath. */
  public double dropPathAt(int epoch) {
    return evaluation.getDropPath() * epoch / evaluation.getEpochs();
  }

  public List<NDArray> longLived() {
    return Collections.unmodifiableList(longLived);
  }

  @Override
  public void close() {
    manager.close();
  }
}
