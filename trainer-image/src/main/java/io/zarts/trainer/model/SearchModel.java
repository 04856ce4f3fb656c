package io.zarts.trainer.model;

import ai.djl.ndarray.NDArray;
import io.zarts.trainer.data.Batch;
import io.zarts.trainer.nn.Forward;
import io.zarts.trainer.nn.Losses;
import io.zarts.trainer.nn.PackedArrays;
import io.zarts.trainer.util.Rng;
import java.util.ArrayList;
import java.util.List;

/** The supernet with its alphas: forward passes and the cross-entropy loss the search optimises. */
public final class SearchModel {

  private final Supernet net;
  private final Alphas alphas;
  private final Rng noise;

  public SearchModel(Supernet net, Alphas alphas, Rng noise) {
    this.net = net;
    this.alphas = alphas;
    this.noise = noise;
  }

  public Supernet net() {
    return net;
  }

  public Alphas alphas() {
    return alphas;
  }

  public Rng noise() {
    return noise;
  }

  /**
   * Logits with the current alphas; training selects batch statistics (and updates the running
   * ones).
   */
  public NDArray logits(NDArray images, boolean training) {
    Forward pass = new Forward(training, noise, null);
    return net.forward(images, alphas.normal().softmax(1), alphas.reduce().softmax(1), pass);
  }

  /** Mean cross-entropy of a batch. */
  public NDArray loss(Batch batch, boolean training) {
    return Losses.crossEntropy(logits(batch.images(), training), batch.labels());
  }

  /** The trainable network weights. */
  public List<NDArray> weights() {
    return net.parameters().weights().stream().map(e -> e.array()).toList();
  }

  /** The trainable network weights, packed into one flat array. */
  public PackedArrays packedWeights() {
    return net.parameters().packedWeights();
  }

  /** Every long-lived array of the model: weights, buffers, constants and alphas. */
  public List<NDArray> longLived() {
    List<NDArray> all = new ArrayList<>(net.parameters().allArrays());
    all.addAll(alphas.both());
    return all;
  }
}
