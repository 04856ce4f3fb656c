package io.zarts.trainer.alpha;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.zarts.trainer.data.Batch;
import io.zarts.trainer.model.Alphas;
import io.zarts.trainer.model.SearchModel;
import io.zarts.trainer.model.Supernet;
import io.zarts.trainer.nn.InPlace;
import io.zarts.trainer.util.Rng;
import java.util.List;

/**
 * A candidate worker's copy of the supernet and alphas on its own device and manager. Its values
 * mean nothing between updates: each update refreshes the weights and batch-norm statistics from
 * the primary (one copy of each flat array) and sets the alphas per candidate. Only the worker's
 * thread computes with it; the primary's thread stages its inputs.
 */
final class Replica implements AutoCloseable {

  private final NDManager manager;
  private final SearchModel model;
  private StackedCandidates stacked;

  Replica(SearchModel primary, Device device) {
    this.manager = NDManager.newBaseManager(device);
    try {
      // The initial values are overwritten by every refresh.
      Supernet net = Supernet.scratch(primary.net().config(), manager, 1);
      Alphas alphas = new Alphas(primary.alphas().space(), manager, new Rng(0));
      this.model = new SearchModel(net, alphas, new Rng(0));
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  SearchModel model() {
    return model;
  }

  NDManager manager() {
    return manager;
  }

  /** The candidate-batching engine of this replica, built on first use. */
  StackedCandidates stacked() {
    if (stacked == null) {
      stacked = new StackedCandidates(model);
    }
    return stacked;
  }

  /** Copies the primary's weights and statistics (flat arrays, any device) into this replica. */
  void refresh(NDArray weights, NDArray buffers) {
    InPlace.copy(weights, model.packedWeights().flat());
    InPlace.copy(buffers, model.net().parameters().packedBuffers().flat());
  }

  /** A copy of the batch on this replica's device, made on scope (which must be this replica's). */
  static Batch copy(Batch batch, NDManager scope) {
    return new Batch(copy(batch.images(), scope), copy(batch.labels(), scope));
  }

  private static NDArray copy(NDArray source, NDManager scope) {
    NDArray target = scope.zeros(source.getShape(), source.getDataType());
    InPlace.copy(source, target);
    return target;
  }

  /** Every long-lived array of the replica. */
  List<NDArray> longLived() {
    return model.longLived();
  }

  @Override
  public void close() {
    manager.close();
  }
}
