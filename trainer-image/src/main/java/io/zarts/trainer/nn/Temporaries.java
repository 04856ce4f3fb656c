package io.zarts.trainer.nn;

import ai.djl.ndarray.NDArray;

/**
 * Early release of intermediate arrays inside a forward pass. DJL keeps every array of a scope
 * until the scope closes, so without this a step holds all of its intermediates at once (about
 * twice PyTorch's peak memory for the full-size supernet). Closing an array only drops this handle:
 * libtorch's autograd keeps its own reference to whatever the backward pass needs.
 */
public final class Temporaries {

  private Temporaries() {}

  /**
   * Closes an intermediate result, unless it is the pass's input (or the same array as the op's
   * output).
   */
  public static void release(NDArray intermediate, NDArray input) {
    if (intermediate != input) {
      intermediate.close();
      if (ArrayCount.enabled()) {
        ArrayCount.freed(1); // freed before its scope closes, so the scope will not count it
      }
    }
  }
}
