package io.zarts.trainer.checkpoint;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Test hooks for crash consistency, set by environment variables, so that tests act on what the run
 * shows and never on a guessed delay. Points: checkpoint:begin, checkpoint:file:NAME (after the
 * file is written and synced), checkpoint:manifest (before the manifest), checkpoint:aside (an
 * existing checkpoint of the same name moved aside), checkpoint:rename (after the rename, before
 * the parent fsync), checkpoint:replaced (the set-aside one not yet deleted), step:N (after weight
 * step N). A point may be written point#n for its n-th occurrence.
 *
 * <ul>
 *   <li>ZARTS_FAULT_HALT_AT=point: halt there at once, without shutdown hooks, as a SIGKILL would
 *       stop the process.
 *   <li>ZARTS_FAULT_PAUSE_AT=point: print "paused at point" and wait there until a stop is
 *       requested (SIGTERM or SIGINT), so a test can signal the process at an exact point; a
 *       SIGKILL ends the wait too.
 *   <li>ZARTS_FAULT_TRACE=1: print "reached point" at every point, so a test can pick its moment
 *       from the run's own progress.
 * </ul>
 */
public interface FaultInjector {

  FaultInjector NONE = point -> {};

  String PREFIX = "zarts: fault injection: ";

  void reached(String point);

  /** The hooks the environment configures (none when it configures none). */
  static FaultInjector fromEnvironment(BooleanSupplier stopRequested) {
    Occurrence halt = Occurrence.parse(System.getenv("ZARTS_FAULT_HALT_AT"));
    Occurrence pause = Occurrence.parse(System.getenv("ZARTS_FAULT_PAUSE_AT"));
    boolean trace = "1".equals(System.getenv("ZARTS_FAULT_TRACE"));
    if (halt == null && pause == null && !trace) {
      return NONE;
    }
    Map<String, Integer> seen = new HashMap<>();
    return point -> {
      int count = seen.merge(point, 1, Integer::sum);
      if (trace) {
        announce("reached " + point);
      }
      if (halt != null && halt.matches(point, count)) {
        announce("halting at " + point);
        Runtime.getRuntime().halt(137);
      }
      if (pause != null && pause.matches(point, count)) {
        announce("paused at " + point);
        while (!stopRequested.getAsBoolean()) {
          LockSupport.parkNanos(1_000_000);
        }
      }
    };
  }

  private static void announce(String what) {
    System.err.println(PREFIX + what);
    System.err.flush();
  }

  /** point or point#n: the n-th time the run reaches point (the first when n is absent). */
  record Occurrence(String point, int n) {

    static Occurrence parse(String spec) {
      if (spec == null || spec.isBlank()) {
        return null;
      }
      int hash = spec.lastIndexOf('#');
      return hash < 0
          ? new Occurrence(spec, 1)
          : new Occurrence(spec.substring(0, hash), Integer.parseInt(spec.substring(hash + 1)));
    }

    boolean matches(String reached, int count) {
      return reached.equals(point) && count == n;
    }
  }
}
