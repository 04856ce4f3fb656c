package io.zarts.trainer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.zarts.trainer.util.Rng;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The long-lived arrays of a network on one manager: trainable weights (with gradients) and buffers
 * (batch-norm running statistics). Initial values come from a seeded {@link Rng}, so a network is
 * reproducible whatever the engine. Order of registration is the order of checkpoints and of
 * optimizer state.
 *
 * <p>A store may hold {@code replicas} independent copies of a network side by side, for evaluating
 * several candidates in one pass: every layer then stacks the copies along its output-channel axis
 * (weights [replicas * out, ...], batch-norm statistics [replicas * channels]) and runs them as
 * grouped operations, so copy i only ever sees copy i's channels. One replica is the ordinary
 * network.
 */
public final class ParameterStore {

  /** A named array. */
  public record Entry(String name, NDArray array) {}

  private final NDManager manager;
  private final Rng rng;
  private final List<Entry> weights = new ArrayList<>();
  private final List<Entry> buffers = new ArrayList<>();
  private final Map<String, NDArray> constants = new HashMap<>();
  private final int replicas;
  private PackedArrays packedWeights;
  private PackedArrays packedBuffers;

  public ParameterStore(NDManager manager, Rng rng) {
    this(manager, rng, 1);
  }

  public ParameterStore(NDManager manager, Rng rng, int replicas) {
    if (replicas < 1) {
      throw new IllegalArgumentException("replicas must be at least 1, got " + replicas);
    }
    this.manager = manager;
    this.rng = rng;
    this.replicas = replicas;
  }

  /** Copies of the network stacked along channels (1: the ordinary network). */
  public int replicas() {
    return replicas;
  }

  public NDManager manager() {
    return manager;
  }

  /** A trainable weight drawn from U(-bound, bound). */
  public NDArray uniformWeight(String name, Shape shape, double bound) {
    return register(name, manager.create(rng.uniform(Math.toIntExact(shape.size()), bound), shape));
  }

  /** A trainable weight filled with one value. */
  public NDArray constantWeight(String name, Shape shape, float value) {
    return register(name, manager.full(shape, value));
  }

  /** A buffer (not trained) filled with one value. */
  public NDArray buffer(String name, Shape shape, float value) {
    refuseIfPacked(name);
    NDArray array = manager.full(shape, value);
    array.setName(name);
    buffers.add(new Entry(name, array));
    return array;
  }

  /**
   * A shared constant vector, e.g. the fixed gamma of an affine-free batch norm (DJL's functional
   * batch norm needs non-null gamma and beta). Neither trained nor saved.
   */
  public NDArray constant(int length, float value) {
    return constants.computeIfAbsent(
        length + ":" + value, k -> manager.full(new Shape(length), value));
  }

  /**
   * A constant computed once per key on this store's manager (and device), e.g. a pooling divisor
   * map.
   */
  public NDArray constant(String key, Function<NDManager, NDArray> compute) {
    return constants.computeIfAbsent(key, k -> compute.apply(manager));
  }

  public List<Entry> weights() {
    return Collections.unmodifiableList(weights);
  }

  public List<Entry> buffers() {
    return Collections.unmodifiableList(buffers);
  }

  /** Number of trainable scalars. */
  public long weightCount() {
    return weights.stream().mapToLong(e -> e.array().size()).sum();
  }

  /**
   * Packs the weights and the buffers, each into one flat array (see {@link PackedArrays}); a
   * network calls it once all its layers exist. Later calls do nothing; registering another array
   * afterwards is refused.
   */
  public void pack() {
    if (packedWeights == null) {
      packedWeights = PackedArrays.pack(manager, weights.stream().map(Entry::array).toList(), true);
      packedBuffers =
          PackedArrays.pack(manager, buffers.stream().map(Entry::array).toList(), false);
    }
  }

  /** The trainable weights as one flat array (packs them on first use). */
  public PackedArrays packedWeights() {
    pack();
    return packedWeights;
  }

  /** The buffers as one flat array (packs them on first use). */
  public PackedArrays packedBuffers() {
    pack();
    return packedBuffers;
  }

  /** Every long-lived array: weights, buffers, constants and, once packed, the flat arrays. */
  public List<NDArray> allArrays() {
    List<NDArray> all = new ArrayList<>();
    weights.forEach(e -> all.add(e.array()));
    buffers.forEach(e -> all.add(e.array()));
    all.addAll(constants.values());
    if (packedWeights != null) {
      all.add(packedWeights.flat());
      all.add(packedBuffers.flat());
    }
    return all;
  }

  private void refuseIfPacked(String name) {
    if (packedWeights != null) {
      throw new IllegalStateException(
          "cannot add " + name + ": the store's arrays were packed when its network was complete");
    }
  }

  private NDArray register(String name, NDArray array) {
    refuseIfPacked(name);
    array.setName(name);
    array.setRequiresGradient(true);
    weights.add(new Entry(name, array));
    return array;
  }
}
