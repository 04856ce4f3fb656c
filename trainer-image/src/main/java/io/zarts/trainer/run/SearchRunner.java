package io.zarts.trainer.run;

import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.trainer.checkpoint.CheckpointStore;
import io.zarts.trainer.checkpoint.FaultInjector;
import io.zarts.trainer.train.LoopPosition;
import io.zarts.trainer.train.SearchListener;
import io.zarts.trainer.train.SearchLoop;
import io.zarts.trainer.train.SearchOptions;
import io.zarts.trainer.train.SearchResult;
import io.zarts.trainer.train.SearchSession;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One trainer process's run of a search: opens the session, resumes from the newest valid
 * checkpoint in the output folder, runs the loop with periodic checkpoints until done or asked to
 * stop, and checkpoints on stop.
 */
public final class SearchRunner {

  private final ArchitectureSearch search;
  private final SearchOptions options;
  private final SearchListener listener;
  private final FaultInjector faults;
  private final Consumer<String> log;
  private final Consumer<PeriodicCheckpointer.Saved> onCheckpoint;

  public SearchRunner(
      ArchitectureSearch search,
      SearchOptions options,
      SearchListener listener,
      FaultInjector faults,
      Consumer<String> log,
      Consumer<PeriodicCheckpointer.Saved> onCheckpoint) {
    this.search = search;
    this.options = options;
    this.listener = listener;
    this.faults = faults;
    this.log = log;
    this.onCheckpoint = onCheckpoint;
  }

  public SearchResult run(BooleanSupplier stopRequested) {
    return run(stopRequested, System::nanoTime);
  }

  /** clock: nanoseconds, as System.nanoTime; the time budget is measured with it. */
  public SearchResult run(BooleanSupplier stopRequested, LongSupplier clock) {
    int keep = search.getSpec().getCheckpoint().getKeep();
    int every = search.getSpec().getCheckpoint().getEveryEpochs();
    try (CheckpointStore store = new CheckpointStore(options.outDir(), keep, faults, log);
        SearchSession session = SearchSession.open(search, options)) {
      log.accept(session.devices().describe());
      session.devices().warnings().forEach(w -> log.accept("warning: " + w));
      CheckpointSource source = SessionCheckpoint.source(session);
      LoopPosition position = source.resume(store, log);
      PeriodicCheckpointer checkpointer =
          new PeriodicCheckpointer(source, store, every, faults, onCheckpoint);
      return new SearchLoop(session, listener, checkpointer, stopRequested, clock)
          .run(position, search.getSpec().getTraining().getEpochs());
    }
  }
}
