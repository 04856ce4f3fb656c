package io.zarts.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.zarts.api.v1alpha1.Algorithm;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchSpec;
import io.zarts.api.v1alpha1.InnerDataSplit;
import io.zarts.api.v1alpha1.OptimizerSpec;
import io.zarts.api.v1alpha1.TrainingSpec;
import io.zarts.trainer.alpha.AlphaStrategies;
import io.zarts.trainer.alpha.AlphaStrategy;
import io.zarts.trainer.alpha.AlphaUpdateContext;
import io.zarts.trainer.alpha.CandidateWorkers;
import io.zarts.trainer.data.BatchStream;
import io.zarts.trainer.data.DataSplit;
import io.zarts.trainer.data.Datasets;
import io.zarts.trainer.data.ImageSet;
import io.zarts.trainer.devices.DevicePool;
import io.zarts.trainer.model.Alphas;
import io.zarts.trainer.model.SearchModel;
import io.zarts.trainer.model.Supernet;
import io.zarts.trainer.model.SupernetConfig;
import io.zarts.trainer.nn.Autograd;
import io.zarts.trainer.nn.ParameterStore;
import io.zarts.trainer.nn.StepScope;
import io.zarts.trainer.optim.CosineSchedule;
import io.zarts.trainer.optim.Sgd;
import io.zarts.trainer.space.Primitive;
import io.zarts.trainer.space.SearchSpace;
import io.zarts.trainer.util.Rng;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything one search holds: the data and its streams, the supernet and alphas on a long-lived
 * manager, the weight optimizer, the learning-rate schedule and the alpha strategy. Each random
 * stream has its own generator derived from training.seed.
 */
public final class SearchSession implements AutoCloseable {

  private final String name;
  private final ArchitectureSearchSpec spec;
  private final SearchOptions options;
  private final NDManager manager;
  private final ImageSet data;
  private final BatchStream trainStream;
  private final BatchStream validStream;
  private final BatchStream innerStream;
  private final BatchStream evalStream;
  private final SearchModel model;
  private final Sgd sgd;
  private final CosineSchedule schedule;
  private final AlphaStrategy strategy;
  private final DevicePool devices;
  private final CandidateWorkers workers;
  private final List<NDArray> longLived = new ArrayList<>();

  private SearchSession(ArchitectureSearch search, SearchOptions options) {
    this.name = search.getMetadata().getName();
    this.spec = search.getSpec();
    this.options = options;
    long seed = spec.getTraining().getSeed();
    TrainingSpec training = spec.getTraining();
    OptimizerSpec optimizer = spec.getOptimizer();

    this.data = Datasets.load(spec.getDataset(), options.dataDir(), seed);
    DataSplit split = DataSplit.of(data.size(), spec.getDataset().getTrainPortion());
    this.trainStream =
        new BatchStream(data, split.train(), training.getBatchSize(), Rng.derive(seed, "train"));
    this.validStream =
        new BatchStream(data, split.valid(), training.getBatchSize(), Rng.derive(seed, "valid"));
    int[] innerIndices =
        optimizer.getInnerDataSplit() == InnerDataSplit.TRAIN ? split.train() : split.valid();
    this.innerStream =
        new BatchStream(
            data, innerIndices, optimizer.getInnerBatchSize(), Rng.derive(seed, "inner"));
    this.evalStream = BatchStream.inOrder(data, split.valid(), training.getBatchSize());

    // DJL turns recording off on the thread that loads the engine; this may be another one.
    Autograd.stopRecording();
    this.manager = NDManager.newBaseManager(options.device());
    try {
      SearchSpace space =
          SearchSpace.of(spec.getSearchSpace().getName(), spec.getSearchSpace().getNodes());
      SupernetConfig config =
          new SupernetConfig(
              space,
              spec.getSearchSpace().getInitChannels(),
              spec.getSearchSpace().getLayers(),
              data.classes(),
              data.channels(),
              data.height());
      ParameterStore store = new ParameterStore(manager, Rng.derive(seed, "init"));
      Supernet net = new Supernet(config, store);
      Alphas alphas = new Alphas(space, manager, Rng.derive(seed, "alphas"));
      this.model = new SearchModel(net, alphas, Rng.derive(seed, "noise"));
      this.sgd =
          new Sgd(
              model.packedWeights(), manager, training.getMomentum(), training.getWeightDecay());
      this.schedule =
          new CosineSchedule(
              training.getLearningRate(), training.getLearningRateMin(), training.getEpochs());
      this.strategy =
          AlphaStrategies.create(
              optimizer, alphas, training.getEpochs(), Rng.derive(seed, "alpha"));
      longLived.addAll(model.longLived());
      longLived.addAll(sgd.longLived());
      longLived.addAll(strategy.state());
      this.devices = candidateDevices(options.devices(), space, optimizer);
      this.workers = CandidateWorkers.start(devices, model);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * The pool the candidates spread over. The noise operation draws from one generator in candidate
   * order, and gradient strategies have no candidates: both keep to the primary (the first says
   * so).
   */
  private static DevicePool candidateDevices(
      DevicePool pool, SearchSpace space, OptimizerSpec optimizer) {
    if (pool.size() == 1) {
      return pool;
    }
    if (space.uses(Primitive.NOISE)) {
      return pool.alone(
          "the search space has the noise operation, whose draws must follow candidate order;"
              + " candidates are evaluated on "
              + pool.name(0)
              + " only");
    }
    if (optimizer.getAlgorithm() == Algorithm.DARTS) {
      return pool.alone();
    }
    return pool;
  }

  /** Builds a session: loads the data and initialises the network. */
  public static SearchSession open(ArchitectureSearch search, SearchOptions options) {
    return new SearchSession(search, options);
  }

  /** A scope for one step, with every long-lived array temporarily attached. */
  public StepScope openScope() {
    return StepScope.open(manager, longLived);
  }

  /** Every long-lived array: model, weight optimizer and strategy state. */
  public List<NDArray> longLived() {
    return Collections.unmodifiableList(longLived);
  }

  public String name() {
    return name;
  }

  public ArchitectureSearchSpec spec() {
    return spec;
  }

  public SearchOptions options() {
    return options;
  }

  public NDManager manager() {
    return manager;
  }

  public ImageSet data() {
    return data;
  }

  public BatchStream trainStream() {
    return trainStream;
  }

  /**
   * What an alpha update at this epoch needs: the model, the session's long-lived arrays and its
   * validation and inner streams, with the update's arrays made on scope.
   */
  public AlphaUpdateContext alphaUpdateContext(NDManager scope, int epoch) {
    return new AlphaUpdateContext(
        model, scope, longLived(), validStream, innerStream, epoch, workers);
  }

  public BatchStream validStream() {
    return validStream;
  }

  public BatchStream innerStream() {
    return innerStream;
  }

  public BatchStream evalStream() {
    return evalStream;
  }

  public SearchModel model() {
    return model;
  }

  public Sgd sgd() {
    return sgd;
  }

  public CosineSchedule schedule() {
    return schedule;
  }

  public AlphaStrategy strategy() {
    return strategy;
  }

  /** The candidate workers' devices, with any warning about how they were chosen. */
  public DevicePool devices() {
    return devices;
  }

  @Override
  public void close() {
    try {
      workers.close();
    } finally {
      manager.close();
    }
  }
}
