package io.zarts.trainer.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * Gradient housekeeping with PyTorch semantics. DJL's PyTorch collector never zeroes gradients
 * itself.
 */
public final class Gradients {

  private Gradients() {}

  /** Sets the gradients of the arrays to zero (PyTorch accumulates them across backward passes). */
  public static void zero(List<NDArray> arrays) {
    for (NDArray a : arrays) {
      if (a instanceof PtNDArray pt) {
        JniUtils.zeroGrad(pt);
      } else {
        try (NDArray g = a.getGradient()) {
          g.muli(0);
        }
      }
    }
  }

  /**
   * torch.nn.utils.clip_grad_norm_: scales every gradient by min(1, maxNorm / (||g|| + 1e-6)), with
   * ||g|| the L2 norm over all gradients together (DJL's own clip is elementwise). Runs on the
   * device without a host sync; returns the total norm as a scalar array on the gradients' manager.
   */
  public static NDArray clipGlobalNorm(List<NDArray> arrays, double maxNorm) {
    NDList norms = new NDList();
    NDList grads = new NDList();
    for (NDArray a : arrays) {
      NDArray g = a.getGradient();
      grads.add(g);
      norms.add(g.norm());
    }
    NDArray total = NDArrays.stack(norms).square().sum().sqrt();
    NDArray coef = total.add(1e-6).pow(-1).mul(maxNorm).minimum(1f);
    for (NDArray g : grads) {
      g.muli(coef);
    }
    return total;
  }

  /**
   * clip_grad_norm_ for each of the replicas stacked in the arrays (every array holds the replicas'
   * blocks one after another along its first axis): replica r's gradients are scaled by min(1,
   * maxNorm / (||g_r|| + 1e-6)), with ||g_r|| over replica r's blocks only, exactly as if each
   * replica were clipped alone.
   */
  public static void clipGlobalNormPerReplica(List<NDArray> arrays, double maxNorm, int replicas) {
    NDArray squares = null;
    List<NDArray> grads = new ArrayList<>();
    for (NDArray a : arrays) {
      NDArray g = a.getGradient().reshape(replicas, -1);
      grads.add(g);
      NDArray s = g.square().sum(new int[] {1});
      squares = squares == null ? s : squares.add(s);
    }
    NDArray coef = squares.sqrt().add(1e-6).pow(-1).mul(maxNorm).minimum(1f).reshape(replicas, 1);
    for (NDArray g : grads) {
      g.muli(coef); // g is a view of the gradient: scales it in place
    }
  }
}
