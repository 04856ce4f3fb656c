package io.zarts.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.pooling.Pool;
import io.zarts.trainer.nn.BatchNorm2d;
import io.zarts.trainer.nn.Conv2d;
import io.zarts.trainer.nn.Forward;
import io.zarts.trainer.nn.Linear;
import io.zarts.trainer.nn.ParameterStore;
import io.zarts.trainer.nn.Tiles;
import io.zarts.trainer.util.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * The DARTS search network (docs/algorithms.md §1.3): a 3x3 stem with affine batch norm, cells
 * whose reduction cells sit at layers/3 and 2*layers/3 and double the channels, global average
 * pooling and a linear classifier. The architecture parameters are not part of it: {@link #forward}
 * takes softmax(alpha) of both cell types.
 */
public final class Supernet {

  private final SupernetConfig config;
  private final ParameterStore store;
  private final Conv2d stemConv;
  private final BatchNorm2d stemBn;
  private final List<Cell> cells = new ArrayList<>();
  private final Linear classifier;

  /**
   * A network of this shape whose values will be overwritten (a candidate worker's replica, or
   * stacked candidates with replicas > 1): any initial values will do.
   */
  public static Supernet scratch(SupernetConfig config, NDManager manager, int replicas) {
    return new Supernet(config, new ParameterStore(manager, new Rng(0), replicas));
  }

  public Supernet(SupernetConfig config, ParameterStore store) {
    this.config = config;
    this.store = store;
    int nodes = config.space().nodes();
    int cCurr = SupernetConfig.STEM_MULTIPLIER * config.channels();
    this.stemConv = new Conv2d(store, "stem.0", config.inputChannels(), cCurr, 3, 1, 1, 1, 1);
    this.stemBn = new BatchNorm2d(store, "stem.1", cCurr, true);
    int cPrevPrev = cCurr;
    int cPrev = cCurr;
    cCurr = config.channels();
    boolean reductionPrev = false;
    for (int i = 0; i < config.layers(); i++) {
      boolean reduction = config.isReduction(i);
      if (reduction) {
        cCurr *= 2;
      }
      cells.add(
          new Cell(
              store,
              "cells." + i,
              config.space().cell(reduction),
              nodes,
              cPrevPrev,
              cPrev,
              cCurr,
              reduction,
              reductionPrev));
      reductionPrev = reduction;
      cPrevPrev = cPrev;
      cPrev = nodes * cCurr;
    }
    this.classifier = new Linear(store, "classifier", cPrev, config.classes());
    store.pack();
  }

  public SupernetConfig config() {
    return config;
  }

  public ParameterStore parameters() {
    return store;
  }

  /**
   * Logits [B, classes] for a batch x [B, C, H, W], with normalWeights and reduceWeights =
   * softmax(alpha) per cell type, each [edges, K]. With stacked replicas (candidate batching) the
   * weights are [replicas, edges, K], every replica sees the same images, and the logits are [B,
   * replicas, classes].
   */
  public NDArray forward(NDArray x, NDArray normalWeights, NDArray reduceWeights, Forward pass) {
    int replicas = store.replicas();
    NDArray input = replicas == 1 ? x : Tiles.along(x, 1, replicas);
    NDArray s0 = stemBn.forward(stemConv.forward(input, pass), pass);
    NDArray s1 = s0;
    for (Cell cell : cells) {
      NDArray out = cell.forward(s0, s1, cell.reduction() ? reduceWeights : normalWeights, pass);
      s0 = s1;
      s1 = out;
    }
    NDArray pooled = Pool.globalAvgPool2d(s1).reshape(x.getShape().get(0), -1);
    return classifier.forward(pooled, pass);
  }
}
