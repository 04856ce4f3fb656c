package io.zarts.trainer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A child process whose standard error is read line by line, so that a test can act on what the
 * process reports (a fault-injection point, a step) instead of on a guessed delay. Every line is
 * kept for assertions.
 */
public final class WatchedProcess {

  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private boolean ended;

  private WatchedProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(this::readLines, "stderr-of-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts pb with its standard error piped to this watcher. */
  public static WatchedProcess start(ProcessBuilder pb) {
    try {
      return new WatchedProcess(pb.redirectError(ProcessBuilder.Redirect.PIPE).start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void readLines() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        synchronized (this) {
          lines.add(line);
          notifyAll();
        }
      }
    } catch (IOException e) {
      // The stream closes when the process dies; what was read is kept.
    } finally {
      synchronized (this) {
        ended = true;
        notifyAll();
      }
    }
  }

  /**
   * Waits until the process prints a line that matches, and returns it; empty when the process
   * closed its standard error (it ended) without printing one.
   */
  public synchronized Optional<String> awaitLine(Predicate<String> wanted)
      throws InterruptedException {
    int next = 0;
    while (true) {
      for (; next < lines.size(); next++) {
        if (wanted.test(lines.get(next))) {
          return Optional.of(lines.get(next));
        }
      }
      if (ended) {
        return Optional.empty();
      }
      wait();
    }
  }

  /** Waits for the process to end and for its last line to be read; returns the exit code. */
  public int awaitExit() throws InterruptedException {
    int code = process.waitFor();
    synchronized (this) {
      while (!ended) {
        wait();
      }
    }
    return code;
  }

  /** Everything the process printed on standard error so far. */
  public synchronized String err() {
    return String.join("\n", lines);
  }

  /**
   * Sends SIGTERM. Through the process handle, not Process.destroy(), which also closes our end of
   * the pipes and would lose what the process prints while it stops.
   */
  public void terminate() {
    process.toHandle().destroy();
  }

  /** Sends SIGKILL. */
  public void kill() {
    process.toHandle().destroyForcibly();
  }
}
