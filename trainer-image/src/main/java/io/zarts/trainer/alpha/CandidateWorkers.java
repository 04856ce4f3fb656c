package io.zarts.trainer.alpha;

import io.zarts.trainer.devices.DevicePool;
import io.zarts.trainer.model.SearchModel;
import io.zarts.trainer.nn.Autograd;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The candidate workers of a search: worker 0 is the search's own model on the calling thread,
 * workers 1.. are replicas on the pool's other devices, each with a thread of its own. An alpha
 * update splits its candidates over them (see {@link SupernetObjective}); the weight steps stay on
 * the primary.
 */
public final class CandidateWorkers implements AutoCloseable {

  private final DevicePool pool;
  private final List<Replica> replicas = new ArrayList<>();
  private final ExecutorService threads;

  private CandidateWorkers(DevicePool pool, SearchModel primary) {
    this.pool = pool;
    try {
      for (int w = 1; w < pool.size(); w++) {
        replicas.add(new Replica(primary, pool.devices().get(w)));
      }
    } catch (RuntimeException e) {
      replicas.forEach(Replica::close);
      throw e;
    }
    this.threads =
        replicas.isEmpty() ? null : Executors.newFixedThreadPool(replicas.size(), daemons());
  }

  /** Workers for the pool; a pool of one makes no replica and no thread. */
  public static CandidateWorkers start(DevicePool pool, SearchModel primary) {
    return new CandidateWorkers(pool, primary);
  }

  public DevicePool pool() {
    return pool;
  }

  /** Number of workers, the primary included. */
  public int size() {
    return pool.size();
  }

  /** Worker w's replica, w >= 1. */
  Replica replica(int worker) {
    return replicas.get(worker - 1);
  }

  /** Runs the task on a worker's own thread, with autograd recording off as on the main thread. */
  <T> Future<T> submit(Callable<T> task) {
    return threads.submit(
        () -> {
          Autograd.stopRecording();
          return task.call();
        });
  }

  /**
   * The task's result, waiting however long it takes, even when interrupted (the interrupt is kept
   * for the caller): the task uses arrays its caller frees once this returns. A worker's failure is
   * rethrown as it was on the caller's thread.
   */
  static <T> T await(Future<T> future) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return future.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          if (e.getCause() instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException("candidate worker failed", e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemons() {
    AtomicInteger n = new AtomicInteger(1);
    return r -> {
      Thread t = new Thread(r, "zarts-candidate-worker-" + n.getAndIncrement());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Stops the threads, then frees the replicas. Every update waits for its tasks, so none should be
   * left; should one be, its replica is freed only once it has ended.
   */
  @Override
  public void close() {
    boolean stopped = true;
    if (threads != null) {
      threads.shutdown();
      boolean interrupted = false;
      while (true) {
        try {
          stopped = threads.awaitTermination(10, TimeUnit.MINUTES);
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (stopped) {
      replicas.forEach(Replica::close);
    }
  }
}
