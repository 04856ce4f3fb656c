package io.zarts.trainer.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.zarts.trainer.nn.PackedArrays;
import java.util.List;

/**
 * torch.optim.SGD with momentum and weight decay (no dampening, no Nesterov): d = g + wd * w; buf =
 * momentum * buf + d; w -= lr * buf. DJL's SGD keeps lr inside the buffer instead, which differs
 * whenever the learning rate changes. The buffers start at zero, which gives PyTorch's buf = d on
 * the first step exactly.
 *
 * <p>It works on packed weights and keeps its momentum packed the same way, so a step is six native
 * operations whatever the number of weight arrays.
 */
public final class Sgd {

  private final PackedArrays params;
  private final PackedArrays momentumBuffers;
  private final double momentum;
  private final double weightDecay;

  public Sgd(PackedArrays params, NDManager stateManager, double momentum, double weightDecay) {
    this.params = params;
    this.momentumBuffers = params.zerosLike(stateManager, ".momentum_buffer");
    this.momentum = momentum;
    this.weightDecay = weightDecay;
  }

  /**
   * One update from the flat gradient (see {@link Gradients#clipGlobalNorm}), which it overwrites
   * with g + wd * w. Call inside a step scope that holds {@link #longLived()} and the weights' flat
   * array.
   */
  public void step(NDArray gradient, double learningRate) {
    NDArray w = params.flat();
    NDArray d = weightDecay == 0 ? gradient : gradient.addi(w.mul(weightDecay));
    NDArray buf = momentumBuffers.flat();
    buf.muli(momentum).addi(d);
    w.subi(buf.mul(learningRate));
  }

  /** The momentum buffers, one per weight in order (checkpointed with the weights). */
  public List<NDArray> state() {
    return momentumBuffers.arrays();
  }

  /** What a step scope must hold for a step: the buffers' flat array. */
  public List<NDArray> longLived() {
    return List.of(momentumBuffers.flat());
  }
}
