package io.zarts.trainer.nn;

import java.util.concurrent.atomic.LongAdder;

/**
 * How many NDArrays the step scopes and {@link Temporaries} freed, a count of the native tensors a
 * step or an alpha update created (each operation makes at least one; in-place operations make
 * none). Off by default: the count walks the scope's arrays when it closes, which only the
 * benchmark wants to pay for.
 */
public final class ArrayCount {

  private static volatile boolean enabled;
  private static final LongAdder FREED = new LongAdder();

  private ArrayCount() {}

  public static void enable(boolean on) {
    enabled = on;
  }

  static boolean enabled() {
    return enabled;
  }

  static void freed(int arrays) {
    FREED.add(arrays);
  }

  /** The arrays freed by step scopes since the last call, and a new count from zero. */
  public static long takeFreed() {
    return FREED.sumThenReset();
  }
}
