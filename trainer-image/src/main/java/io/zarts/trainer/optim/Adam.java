package io.zarts.trainer.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * torch.optim.Adam with L2 weight decay (added to the gradient, not decoupled), as the DARTS
 * reference uses for the alphas: m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= lr / (1 -
 * b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps).
 */
public final class Adam {

  private static final double EPS = 1e-8;

  private final List<NDArray> params;
  private final List<NDArray> firstMoments = new ArrayList<>();
  private final List<NDArray> secondMoments = new ArrayList<>();
  private final double learningRate;
  private final double beta1;
  private final double beta2;
  private final double weightDecay;
  private long steps;

  public Adam(
      List<NDArray> params,
      NDManager stateManager,
      double learningRate,
      double beta1,
      double beta2,
      double weightDecay) {
    this.params = List.copyOf(params);
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.weightDecay = weightDecay;
    for (NDArray p : params) {
      firstMoments.add(stateManager.zeros(p.getShape(), p.getDataType(), p.getDevice()));
      secondMoments.add(stateManager.zeros(p.getShape(), p.getDataType(), p.getDevice()));
    }
  }

  /**
   * One update from the current gradients; call inside a scope holding the params and the moments.
   */
  public void step() {
    steps++;
    double correction1 = 1 - Math.pow(beta1, steps);
    double correction2 = 1 - Math.pow(beta2, steps);
    for (int i = 0; i < params.size(); i++) {
      NDArray p = params.get(i);
      NDArray g = p.getGradient();
      if (weightDecay != 0) {
        g = g.add(p.mul(weightDecay));
      }
      NDArray m = firstMoments.get(i);
      NDArray v = secondMoments.get(i);
      m.muli(beta1).addi(g.mul(1 - beta1));
      v.muli(beta2).addi(g.square().mul(1 - beta2));
      NDArray denominator = v.sqrt().div(Math.sqrt(correction2)).add(EPS);
      p.subi(m.div(denominator).mul(learningRate / correction1));
    }
  }

  public long steps() {
    return steps;
  }

  /** Restores the step count (the bias corrections depend on it). */
  public void setSteps(long steps) {
    this.steps = steps;
  }

  /**
   * The moment arrays, first moments then second moments (long-lived, for scopes and checkpoints).
   */
  public List<NDArray> state() {
    List<NDArray> all = new ArrayList<>(firstMoments);
    all.addAll(secondMoments);
    return all;
  }
}
