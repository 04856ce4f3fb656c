package io.zarts.trainer.checkpoint;

import java.util.HashMap;
import java.util.Map;

/**
 * Test hook for crash consistency: when the environment names a point (ZARTS_FAULT_HALT_AT=point or point#n for
 * its n-th occurrence), the process halts there at once, without shutdown hooks, as a SIGKILL would stop it.
 * Points: checkpoint:begin, checkpoint:file:NAME (after the file is written and synced), checkpoint:manifest
 * (before the manifest), checkpoint:rename (after the rename, before the parent fsync), step:N (after weight
 * step N).
 */
public interface FaultInjector {

  FaultInjector NONE = point -> { };

  void reached(String point);

  /** The injector configured by ZARTS_FAULT_HALT_AT, or none. */
  static FaultInjector fromEnvironment() {
    String spec = System.getenv("ZARTS_FAULT_HALT_AT");
    if (spec == null || spec.isBlank()) {
      return NONE;
    }
    int hash = spec.lastIndexOf('#');
    String target = hash < 0 ? spec : spec.substring(0, hash);
    int occurrence = hash < 0 ? 1 : Integer.parseInt(spec.substring(hash + 1));
    Map<String, Integer> seen = new HashMap<>();
    return point -> {
      if (point.equals(target) && seen.merge(point, 1, Integer::sum) == occurrence) {
        System.err.println("zarts: fault injection: halting at " + point);
        System.err.flush();
        Runtime.getRuntime().halt(137);
      }
    };
  }
}
