package io.zarts.trainer.run;

import io.zarts.trainer.checkpoint.CheckpointName;
import io.zarts.trainer.checkpoint.CheckpointStore;
import io.zarts.trainer.checkpoint.FaultInjector;
import io.zarts.trainer.train.Checkpointer;
import io.zarts.trainer.train.LoopPosition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Saves a run (a search or an evaluation) every checkpoint.everyEpochs epochs, after the last
 * epoch, and when the loop is stopped.
 */
public final class PeriodicCheckpointer implements Checkpointer {

  /** A committed checkpoint, for logs and metrics. */
  public record Saved(Path dir, LoopPosition position, double seconds, long bytes) {}

  private final CheckpointSource source;
  private final CheckpointStore store;
  private final int everyEpochs;
  private final FaultInjector faults;
  private final Consumer<Saved> listener;
  private final Map<String, String> identity;
  private CheckpointName lastSaved;

  public PeriodicCheckpointer(
      CheckpointSource source,
      CheckpointStore store,
      int everyEpochs,
      FaultInjector faults,
      Consumer<Saved> listener) {
    this.source = source;
    this.store = store;
    this.everyEpochs = everyEpochs;
    this.faults = faults;
    this.listener = listener;
    this.identity = source.identity();
  }

  @Override
  public void epochEnded(LoopPosition position, boolean last) {
    if (last || position.epoch() % everyEpochs == 0) {
      save(position);
    }
  }

  @Override
  public void stopped(LoopPosition position) {
    save(position);
  }

  @Override
  public void stepDone(long globalStep) {
    faults.reached("step:" + globalStep);
  }

  private void save(LoopPosition position) {
    CheckpointName name = new CheckpointName(position.epoch(), position.step());
    if (name.equals(lastSaved)) {
      return;
    }
    long start = System.nanoTime();
    Path dir = store.commit(name, position.globalStep(), identity, source.files(position));
    lastSaved = name;
    long bytes = 0;
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        bytes += Files.size(f);
      }
    } catch (IOException e) {
      bytes = -1;
    }
    listener.accept(new Saved(dir, position, (System.nanoTime() - start) / 1e9, bytes));
  }
}
