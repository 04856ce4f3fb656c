package io.zarts.trainer.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * torch.optim.SGD with momentum and weight decay (no dampening, no Nesterov): d = g + wd * w; buf =
 * momentum * buf + d; w -= lr * buf. DJL's SGD keeps lr inside the buffer instead, which differs
 * whenever the learning rate changes. The buffers start at zero, which gives PyTorch's buf = d on
 * the first step exactly.
 */
public final class Sgd {

  private final List<NDArray> params;
  private final List<NDArray> momentumBuffers = new ArrayList<>();
  private final double momentum;
  private final double weightDecay;

  public Sgd(List<NDArray> params, NDManager stateManager, double momentum, double weightDecay) {
    this.params = List.copyOf(params);
    this.momentum = momentum;
    this.weightDecay = weightDecay;
    for (NDArray p : params) {
      NDArray buf = stateManager.zeros(p.getShape(), p.getDataType(), p.getDevice());
      buf.setName(p.getName() + ".momentum_buffer");
      momentumBuffers.add(buf);
    }
  }

  /**
   * One update from the current gradients. Call inside a {@link StepScope} that holds the params
   * and buffers.
   */
  public void step(double learningRate) {
    for (int i = 0; i < params.size(); i++) {
      NDArray p = params.get(i);
      NDArray g = p.getGradient();
      NDArray d = weightDecay == 0 ? g : g.add(p.mul(weightDecay));
      NDArray buf = momentumBuffers.get(i);
      buf.muli(momentum).addi(d);
      p.subi(buf.mul(learningRate));
    }
  }

  /** The momentum buffers, in parameter order (checkpointed with the weights). */
  public List<NDArray> state() {
    return momentumBuffers;
  }
}
