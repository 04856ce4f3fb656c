package io.zarts.trainer.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT ask the loop to stop after the current step; the process then exits 128 +
 * signal.
 */
final class StopSignals {

  private final AtomicReference<String> received = new AtomicReference<>();
  private final Map<String, SignalHandler> previous = new HashMap<>();

  static StopSignals install() {
    StopSignals s = new StopSignals();
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        s.previous.put(
            name,
            Signal.handle(new Signal(name), sig -> s.received.compareAndSet(null, sig.getName())));
      } catch (IllegalArgumentException e) {
        // Signal not available on this platform.
      }
    }
    return s;
  }

  boolean stopRequested() {
    return received.get() != null;
  }

  String signalName() {
    return "SIG" + received.get();
  }

  int exitCode() {
    return "INT".equals(received.get()) ? 130 : 143;
  }

  void uninstall() {
    previous.forEach((name, handler) -> Signal.handle(new Signal(name), handler));
  }
}
