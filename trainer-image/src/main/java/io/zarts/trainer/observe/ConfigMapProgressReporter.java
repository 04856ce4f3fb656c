package io.zarts.trainer.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.zarts.api.progress.TrainerProgress;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Sends progress reports to one key of the ConfigMap the operator watches (progress.json for the
 * search, evaluation.json for the evaluation stage; a merge patch leaves the other key alone), from
 * a background thread: only the latest report is kept, so a slow or failing API server never blocks
 * or stops training; a failed write is retried with exponential back-off (1 s doubling to 60 s) and
 * the next attempt carries the newest state. The ConfigMap is created by the operator; the
 * trainer's Role may only patch it.
 */
public final class ConfigMapProgressReporter implements Consumer<TrainerProgress>, AutoCloseable {

  private static final long MAX_BACKOFF_MS = 60_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final String key;
  private final Consumer<String> log;
  private final AtomicReference<TrainerProgress> pending = new AtomicReference<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Thread worker;
  private final long initialBackoffMs;
  private volatile boolean closing;
  private volatile long delivered;
  private volatile long failures;

  public ConfigMapProgressReporter(
      KubernetesClient client, String namespace, String name, String key, Consumer<String> log) {
    this(client, namespace, name, key, log, 1000);
  }

  ConfigMapProgressReporter(
      KubernetesClient client,
      String namespace,
      String name,
      String key,
      Consumer<String> log,
      long initialBackoffMs) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
    this.key = key;
    this.log = log;
    this.initialBackoffMs = initialBackoffMs;
    this.worker = new Thread(this::deliverLoop, "progress-configmap-" + key);
    worker.setDaemon(true);
    worker.start();
  }

  @Override
  public void accept(TrainerProgress report) {
    pending.set(report);
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Reports written so far, and failed attempts (for tests and logs). */
  public long delivered() {
    return delivered;
  }

  public long failures() {
    return failures;
  }

  private void deliverLoop() {
    long backoff = initialBackoffMs;
    while (true) {
      TrainerProgress report = pending.getAndSet(null);
      if (report == null) {
        if (closing) {
          return;
        }
        await(1000);
        continue;
      }
      try {
        String patch = JSON.writeValueAsString(Map.of("data", Map.of(key, report.toJson())));
        client
            .configMaps()
            .inNamespace(namespace)
            .withName(name)
            .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        delivered++;
        backoff = initialBackoffMs;
      } catch (RuntimeException | JsonProcessingException e) {
        failures++;
        // Keep the newest report: a newer one may have arrived meanwhile.
        pending.compareAndSet(null, report);
        if (failures == 1 || failures % 10 == 0) {
          log.accept(
              "cannot update ConfigMap "
                  + namespace
                  + "/"
                  + name
                  + " (attempt "
                  + failures
                  + "): "
                  + e.getMessage()
                  + "; training goes on and the report is retried");
        }
        if (closing) {
          return;
        }
        await(backoff);
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
      }
    }
  }

  private void await(long millis) {
    lock.lock();
    try {
      changed.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closing = true;
    } finally {
      lock.unlock();
    }
  }

  /** Tries to deliver the last report for up to the given time, then stops. */
  public void close(long waitMillis) {
    closing = true;
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      worker.join(waitMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(10_000);
  }
}
