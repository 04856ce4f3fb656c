package io.zarts.operator.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** podman or docker on the command line: the same arguments work for both. */
final class ContainerEngine {

  private final String command;

  ContainerEngine(String command) {
    this.command = command;
  }

  /** Runs the engine with the arguments; its stdout, trimmed, or an exception with its output. */
  String run(String... args) {
    List<String> line = new ArrayList<>(List.of(command));
    line.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", line) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  boolean running(String container) {
    return "true".equals(run("inspect", "-f", "{{.State.Running}}", container));
  }

  int exitCode(String container) {
    return Integer.parseInt(run("inspect", "-f", "{{.State.ExitCode}}", container));
  }

  String logs(String container) {
    try {
      return run("logs", container);
    } catch (IllegalStateException e) {
      return e.getMessage();
    }
  }

  void removeQuietly(String container) {
    try {
      run("rm", "-f", container);
    } catch (IllegalStateException ignored) {
      // already gone
    }
  }
}
