package io.zarts.trainer.checkpoint;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The lock on a checkpoint folder's {@code .lock} file: one trainer writes a folder at a time. A
 * trainer that finds it taken waits a bounded time, because the usual holder is the previous pod of
 * the same search still checkpointing after SIGTERM; when the wait runs out it gives up with {@link
 * CheckpointBusyException}, which the Job retries.
 */
final class CheckpointLock implements AutoCloseable {

  /** How long a trainer waits for a taken lock unless told otherwise. */
  static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

  /** The environment variable that overrides the wait, in seconds. */
  static final String WAIT_VARIABLE = "ZARTS_CHECKPOINT_LOCK_WAIT_SECONDS";

  private static final long POLL_MILLIS = 500;

  private final FileChannel channel;
  private final FileLock lock;

  private CheckpointLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** The wait from {@link #WAIT_VARIABLE}, or the default. */
  static Duration waitFromEnvironment() {
    String value = System.getenv(WAIT_VARIABLE);
    if (value == null || value.isBlank()) {
      return DEFAULT_WAIT;
    }
    try {
      return Duration.ofSeconds(Long.parseLong(value.strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          WAIT_VARIABLE + " must be a whole number of seconds, got '" + value + "'");
    }
  }

  /**
   * Takes the folder's lock, polling until it is free or the wait is over; says once that it waits.
   */
  static CheckpointLock acquire(Path folder, Duration wait, Consumer<String> log) {
    Path file = folder.resolve(".lock");
    long deadline = System.nanoTime() + wait.toNanos();
    boolean said = false;
    try {
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      while (true) {
        FileLock lock = tryLock(channel);
        if (lock != null) {
          return new CheckpointLock(channel, lock);
        }
        if (System.nanoTime() >= deadline) {
          channel.close();
          throw new CheckpointBusyException(
              "another trainer still holds the checkpoint folder "
                  + folder
                  + " (its .lock) after waiting "
                  + wait.toSeconds()
                  + " s; only one trainer may write a search's checkpoints. Exiting so that the"
                  + " Job retries once the other trainer has stopped");
        }
        if (!said) {
          log.accept(
              "waiting up to "
                  + wait.toSeconds()
                  + " s for another trainer to release "
                  + file
                  + " (a previous pod still checkpointing?)");
          said = true;
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (IOException e) {
      throw new CheckpointException(
          "cannot open checkpoint folder " + folder + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CheckpointBusyException("interrupted while waiting for " + file);
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by this JVM (tests run two stores in one process)
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // Closing the channel releases the lock anyway.
    }
  }
}
