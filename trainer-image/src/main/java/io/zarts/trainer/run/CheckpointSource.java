package io.zarts.trainer.run;

import io.zarts.trainer.checkpoint.CheckpointStore;
import io.zarts.trainer.train.LoopPosition;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** What a run saves in its checkpoints: who may resume them, and the files at a position. */
public interface CheckpointSource {

  /** What must match for a checkpoint to be resumed by this run. */
  Map<String, String> identity();

  /** The files of a checkpoint at the given position, in write order. */
  Map<String, CheckpointStore.Content> files(LoopPosition position);

  /** Puts a checkpoint's values back; returns the position to continue from. */
  LoopPosition restore(CheckpointStore.Loaded checkpoint);

  /**
   * Where this run continues: the newest valid checkpoint of the store that this source may resume
   * (restored into the run's arrays), or the start.
   */
  default LoopPosition resume(CheckpointStore store, Consumer<String> log) {
    Optional<CheckpointStore.Loaded> latest = store.latest(identity());
    if (latest.isEmpty()) {
      return LoopPosition.start();
    }
    LoopPosition position = restore(latest.get()).resumed();
    log.accept(
        "resuming from checkpoint "
            + latest.get().dir()
            + " (epoch "
            + position.epoch()
            + ", step "
            + position.step()
            + ")");
    return position;
  }
}
