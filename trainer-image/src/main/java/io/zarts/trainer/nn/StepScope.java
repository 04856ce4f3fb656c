package io.zarts.trainer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Collection;

/**
 * A manager for one step: everything created inside is freed on close. Long-lived arrays (weights,
 * buffers, alphas, optimizer state) are attached to it temporarily, because DJL puts an op's result
 * on the manager of its first operand: without this, softmax(alpha) or p.mul(wd) would pile up on
 * the long-lived manager.
 */
public final class StepScope implements AutoCloseable {

  private final NDManager manager;

  private StepScope(NDManager manager) {
    this.manager = manager;
  }

  /**
   * Opens a scope under parent (the long-lived manager, or an enclosing scope for nested work such
   * as one inner step of a candidate) with the given arrays attached until it closes.
   */
  public static StepScope open(NDManager parent, Collection<NDArray> longLived) {
    NDManager scope = parent.newSubManager();
    scope.tempAttachAll(longLived.toArray(NDArray[]::new));
    return new StepScope(scope);
  }

  public NDManager manager() {
    return manager;
  }

  @Override
  public void close() {
    manager.close();
  }
}
