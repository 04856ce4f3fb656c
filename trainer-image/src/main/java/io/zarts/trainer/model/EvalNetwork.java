package io.zarts.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.pooling.Pool;
import io.zarts.api.genotype.Genotype;
import io.zarts.trainer.nn.BatchNorm2d;
import io.zarts.trainer.nn.Conv2d;
import io.zarts.trainer.nn.Forward;
import io.zarts.trainer.nn.Linear;
import io.zarts.trainer.nn.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The network a genotype is retrained as (DARTS' NetworkCIFAR): a 3x3 stem to 3C channels with
 * batch norm, cells of the genotype with reductions at layers/3 and 2*layers/3 (each doubling the
 * channels), an optional auxiliary head after the second reduction, global average pooling and a
 * linear classifier.
 */
public final class EvalNetwork {

  /** The name prefix of the auxiliary head's arrays (dropped from the exported model). */
  public static final String AUXILIARY_PREFIX = "auxiliary_head.";

  /** The main logits and, in training with the auxiliary head, the auxiliary logits (else null). */
  public record Logits(NDArray main, NDArray auxiliary) {}

  private final EvalConfig config;
  private final ParameterStore store;
  private final Conv2d stemConv;
  private final BatchNorm2d stemBn;
  private final List<EvalCell> cells = new ArrayList<>();
  private final AuxiliaryHead auxiliary;
  private final Linear classifier;

  /** How many masks a training pass draws: one per operation drop path applies to. */
  private final int droppedOperations;

  public EvalNetwork(EvalConfig config, Genotype genotype, ParameterStore store) {
    this.config = config;
    this.store = store;
    int cCurr = EvalConfig.STEM_MULTIPLIER * config.channels();
    this.stemConv = new Conv2d(store, "stem.0", config.inputChannels(), cCurr, 3, 1, 1, 1, 1);
    this.stemBn = new BatchNorm2d(store, "stem.1", cCurr, true);
    int cPrevPrev = cCurr;
    int cPrev = cCurr;
    cCurr = config.channels();
    boolean reductionPrev = false;
    int cToAuxiliary = 0;
    for (int i = 0; i < config.layers(); i++) {
      boolean reduction = config.isReduction(i);
      if (reduction) {
        cCurr *= 2;
      }
      EvalCell cell =
          new EvalCell(
              store,
              "cells." + i,
              reduction ? genotype.getReduce() : genotype.getNormal(),
              reduction ? genotype.getReduceConcat() : genotype.getNormalConcat(),
              cPrevPrev,
              cPrev,
              cCurr,
              reduction,
              reductionPrev);
      cells.add(cell);
      reductionPrev = reduction;
      cPrevPrev = cPrev;
      cPrev = cell.multiplier() * cCurr;
      if (i == config.auxiliaryCell()) {
        cToAuxiliary = cPrev;
      }
    }
    if (config.auxiliary()) {
      int size = config.imageSize() / 4;
      if (size != AuxiliaryHead.INPUT_SIZE) {
        throw new IllegalArgumentException(
            "spec.evaluation.auxiliaryWeight: the auxiliary head reads the second reduction's"
                + " 8x8 feature maps (32x32 images); these images give "
                + size
                + "x"
                + size
                + ", so set auxiliaryWeight to 0");
      }
      this.auxiliary = new AuxiliaryHead(store, "auxiliary_head", cToAuxiliary, config.classes());
    } else {
      this.auxiliary = null;
    }
    this.droppedOperations = cells.stream().mapToInt(EvalCell::droppedOperations).sum();
    this.classifier = new Linear(store, "classifier", cPrev, config.classes());
    store.pack();
  }

  public EvalConfig config() {
    return config;
  }

  public ParameterStore parameters() {
    return store;
  }

  /**
   * Logits for a batch [B, C, H, W]; dropPath is the drop-path probability of this epoch (used in
   * training only, with the pass's generator).
   */
  public Logits forward(NDArray x, double dropPath, Forward pass) {
    DropPath.Masks masks = null;
    if (pass.training() && dropPath > 0) {
      masks =
          DropPath.Masks.draw(
              x.getManager(),
              x.getDevice(),
              pass.dropPath(),
              dropPath,
              droppedOperations,
              Math.toIntExact(x.getShape().get(0)));
    }
    NDArray s0 = stemBn.forward(stemConv.forward(x, pass), pass);
    NDArray s1 = s0;
    NDArray auxiliaryLogits = null;
    for (int i = 0; i < cells.size(); i++) {
      NDArray out = cells.get(i).forward(s0, s1, masks, pass);
      s0 = s1;
      s1 = out;
      if (i == config.auxiliaryCell() && auxiliary != null && pass.training()) {
        auxiliaryLogits = auxiliary.forward(s1, pass);
      }
    }
    NDArray pooled = Pool.globalAvgPool2d(s1).reshape(x.getShape().get(0), -1);
    return new Logits(classifier.forward(pooled, pass), auxiliaryLogits);
  }

  /** Trainable scalars, without the auxiliary head's (which is dropped after training). */
  public long parameterCount() {
    return store.weights().stream()
        .filter(e -> !e.name().startsWith(AUXILIARY_PREFIX))
        .mapToLong(e -> e.array().size())
        .sum();
  }
}
