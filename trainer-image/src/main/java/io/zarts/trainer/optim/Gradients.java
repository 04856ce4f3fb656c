package io.zarts.trainer.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.zarts.trainer.nn.PackedArrays;
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
   * torch.nn.utils.clip_grad_norm_ over packed weights: their gradients, gathered flat and scaled
   * by min(1, maxNorm / (||g|| + 1e-6)), with ||g|| the L2 norm over all of them together (DJL's
   * own clip is elementwise). Runs on the device without a host sync. The weights' own gradients
   * are left as they are; the returned flat array, on the caller's step scope, is what the
   * optimizer steps with.
   */
  public static NDArray clipGlobalNorm(PackedArrays weights, double maxNorm) {
    NDArray g = weights.gradient();
    g.muli(coefficient(g.norm(), maxNorm));
    return g;
  }

  /**
   * clip_grad_norm_ for each of the replicas stacked in packed weights (every weight holds the
   * replicas' blocks one after another along its first axis): replica r's gradients are scaled by
   * min(1, maxNorm / (||g_r|| + 1e-6)), with ||g_r|| over replica r's blocks only, exactly as if
   * each replica were clipped alone. Returns the scaled gradients gathered flat, like {@link
   * #clipGlobalNorm}.
   */
  public static NDArray clipGlobalNormPerReplica(
      PackedArrays weights, double maxNorm, int replicas) {
    NDArray norms = weights.gradientByReplica(replicas).square().sum(new int[] {1}).sqrt();
    NDArray coef = coefficient(norms, maxNorm).reshape(replicas, 1);
    for (NDArray g : weights.gradientViews(replicas)) {
      g.muli(coef); // a view of the weight's gradient: scales it in place
    }
    return weights.gradient();
  }

  /** min(1, maxNorm / (norm + 1e-6)), elementwise. */
  private static NDArray coefficient(NDArray norm, double maxNorm) {
    return norm.add(1e-6).pow(-1).mul(maxNorm).minimum(1f);
  }
}
