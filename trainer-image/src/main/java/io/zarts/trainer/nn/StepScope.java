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
  private final int attached;

  private StepScope(NDManager manager, int attached) {
    this.manager = manager;
    this.attached = attached;
  }

  /**
   * Opens a scope under parent (the long-lived manager, or an enclosing scope for nested work such
   * as one inner step of a candidate) with the given arrays attached until it closes.
   */
  public static StepScope open(NDManager parent, Collection<NDArray> longLived) {
    NDManager scope = parent.newSubManager();
    scope.tempAttachAll(longLived.toArray(NDArray[]::new));
    return new StepScope(scope, longLived.size());
  }

  public NDManager manager() {
    return manager;
  }

  @Override
  public void close() {
    if (ArrayCount.enabled()) {
      // The managed arrays include the temporarily attached long-lived ones, which this scope did
      // not make; nested scopes' arrays were counted (and freed) when those closed.
      ArrayCount.freed(manager.getManagedArrays().size() - attached);
    }
    manager.close();
  }
}
