package io.zarts.trainer.train;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * training.maxDuration at work: the trainer's running time across every attempt of a search, that
 * is what the checkpoint it resumed from recorded plus this process's time since its loop started,
 * read from an injectable nanosecond clock so that tests can drive it. Time after the last
 * checkpoint of a killed attempt is lost with that attempt's work, and so is not counted.
 */
public final class TimeBudget {

  private final double secondsBefore;
  private final Duration limit;
  private final LongSupplier nanoTime;
  private final long start;

  /** limit null: no budget, only counting. */
  public TimeBudget(double secondsBefore, Duration limit, LongSupplier nanoTime) {
    this.secondsBefore = secondsBefore;
    this.limit = limit;
    this.nanoTime = nanoTime;
    this.start = nanoTime.getAsLong();
  }

  /** Running time used so far, all attempts together. */
  public double seconds() {
    return secondsBefore + (nanoTime.getAsLong() - start) / 1e9;
  }

  public boolean exhausted() {
    return limit != null && seconds() * 1e9 >= limit.toNanos();
  }
}
