package io.zarts.trainer.train;

/** Decides when the loop's state is saved; the loop only reports where it is. */
public interface Checkpointer {

  Checkpointer NONE = new Checkpointer() {};

  /** After an epoch's evaluation; last is true after the final epoch. */
  default void epochEnded(LoopPosition position, boolean last) {}

  /** The loop was asked to stop (SIGTERM) and stopped after a whole step. */
  default void stopped(LoopPosition position) {}

  /** Called after every weight step (fault injection in tests). */
  default void stepDone(long globalStep) {}
}
