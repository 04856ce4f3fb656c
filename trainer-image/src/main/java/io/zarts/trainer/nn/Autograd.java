package io.zarts.trainer.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Records operations for a backward pass on the calling thread. libtorch's grad mode is
 * thread-local, but DJL's gradient collector keeps a process-wide flag that refuses a second
 * collector anywhere in the process; candidate workers train in parallel threads, so every backward
 * pass of the trainer goes through this instead. Closing restores the thread's previous mode.
 */
public final class Autograd implements AutoCloseable {

  private final boolean previous;

  private Autograd(boolean previous) {
    this.previous = previous;
  }

  /** Starts recording on this thread. */
  public static Autograd record() {
    boolean previous = JniUtils.isGradMode();
    JniUtils.setGradMode(true);
    return new Autograd(previous);
  }

  /** Stops recording on this thread: new threads start with libtorch's default, recording on. */
  public static void stopRecording() {
    engineLoaded();
    JniUtils.setGradMode(false);
  }

  /**
   * JniUtils calls straight into libtorch: the engine must have loaded it first. Only stopRecording
   * needs this (a session may open before any array exists); recording always follows arrays.
   */
  private static void engineLoaded() {
    Engine.getEngine("PyTorch");
  }

  /** d loss / d every leaf that requires a gradient, accumulated into the leaves' gradients. */
  public void backward(NDArray loss) {
    try (NDArray seed = loss.onesLike()) {
      JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
    }
  }

  @Override
  public void close() {
    JniUtils.setGradMode(previous);
  }
}
