package io.zarts.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.zarts.api.progress.TrainerProgress;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.operator.Examples;
import io.zarts.operator.OperatorMetrics;
import io.zarts.operator.TrainerFakes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Many searches created at once, each "trained" by a fast fake (as soon as a watch shows its Job,
 * the test writes the final progress report and completes the Job): all reach Succeeded, each gets
 * exactly one Job. Prints the create-to-Job latency percentiles (timed by the watch), the
 * operator's reconciles per second and the JVM heap after a GC, for docs/benchmarks.md; asserts
 * only correctness, never times.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadIT {

  @Inject KubernetesClient client;

  @KubernetesTestServer KubernetesServer server;

  @Test
  @Order(1) // latency on a fresh operator, before the thousand fill its caches
  void twoHundredSearchesAllSucceed() throws Exception {
    run("load", 200);
  }

  @Test
  @Order(2)
  void aThousandSearchesAllSucceed() throws Exception {
    // Measured alone: the two hundred and their objects go first (the mock collects no garbage).
    deleteEverything("load");
    run("load-1000", 1000);
  }

  private void deleteEverything(String namespace) {
    client.resources(ArchitectureSearch.class).inNamespace(namespace).delete();
    client.batch().v1().jobs().inNamespace(namespace).delete();
    client.pods().inNamespace(namespace).delete();
    client.configMaps().inNamespace(namespace).delete();
    client.serviceAccounts().inNamespace(namespace).delete();
    client.rbac().roles().inNamespace(namespace).delete();
    client.rbac().roleBindings().inNamespace(namespace).delete();
    client.persistentVolumeClaims().inNamespace(namespace).delete();
    client.v1().events().inNamespace(namespace).delete();
    await()
        .atMost(Duration.ofMinutes(1))
        .until(
            () ->
                client
                        .resources(ArchitectureSearch.class)
                        .inNamespace(namespace)
                        .list()
                        .getItems()
                        .isEmpty()
                    && client.configMaps().inNamespace(namespace).list().getItems().isEmpty());
  }

  private void run(String namespace, int searches) throws Exception {
    ArchitectureSearch template = Examples.load("quickstart.yaml");
    Map<String, Long> created = new ConcurrentHashMap<>();
    Map<String, Long> jobSeen = new ConcurrentHashMap<>();
    ExecutorService trainers = Executors.newFixedThreadPool(4);
    dropRequestLog();
    long heapBefore = heapAfterGc();
    double reconcilesBefore = OperatorMetrics.reconciles();
    long start = System.nanoTime();
    try (Watch watch =
        client
            .batch()
            .v1()
            .jobs()
            .inNamespace(namespace)
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, Job job) {
                    if (action == Action.ADDED
                        && jobSeen.putIfAbsent(job.getMetadata().getName(), System.nanoTime())
                            == null) {
                      trainers.submit(() -> fakeTraining(namespace, job));
                    }
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                })) {
      for (int i = 0; i < searches; i++) {
        ArchitectureSearch s = Serialization.clone(template);
        s.getMetadata().setName("load-" + i);
        s.getMetadata().setNamespace(namespace);
        s.setStatus(null);
        created.put("load-" + i + "-trainer", System.nanoTime());
        client.resource(s).create();
      }
      await()
          .atMost(Duration.ofMinutes(10))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> succeeded(namespace) == searches);
    } finally {
      trainers.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double reconcilesPerSecond = (OperatorMetrics.reconciles() - reconcilesBefore) / seconds;
    List<Double> latencies = new ArrayList<>();
    jobSeen.forEach((job, t) -> latencies.add((t - created.get(job)) / 1e6));
    Collections.sort(latencies);
    int recorded = dropRequestLog();
    long heapBytes = heapAfterGc();
    long heap = heapBytes / (1024 * 1024);
    Map<String, Long> stored = storedJsonBytes(namespace);
    long storedBytes = stored.values().stream().mapToLong(Long::longValue).sum();
    long mockStore = storedBytes / (1024 * 1024);
    System.out.printf(
        "LOAD %d searches Succeeded in %.1f s; create->Job latency p50 %.0f ms, p99 %.0f ms,"
            + " max %.0f ms; %.1f reconciles/s; heap after GC %d MiB (the mock server's log of %d"
            + " requests dropped first), of which the mock's stored JSON of the namespace about %d"
            + " MiB%n",
        searches,
        seconds,
        percentile(latencies, 50),
        percentile(latencies, 99),
        latencies.get(latencies.size() - 1),
        reconcilesPerSecond,
        heap,
        recorded,
        mockStore);
    // What each search adds: the heap's growth over the run (operator caches and state, the test
    // client, and the mock's store of the same objects), and the JSON of its objects per kind,
    // which is what the operator's informers cache (without managedFields).
    System.out.printf(
        "LOAD %d searches: heap after GC grew %.1f KiB per search; their objects' JSON %.1f KiB per"
            + " search: %s%n",
        searches,
        (heapBytes - heapBefore) / 1024.0 / searches,
        storedBytes / 1024.0 / searches,
        stored.entrySet().stream()
            .map(e -> String.format("%s %.2f", e.getKey(), e.getValue() / 1024.0 / searches))
            .collect(Collectors.joining(", ")));
    assertThat(client.batch().v1().jobs().inNamespace(namespace).list().getItems())
        .hasSize(searches);
    assertThat(jobSeen).hasSize(searches);
  }

  /**
   * The JSON text of every object in the namespace, which the in-JVM mock API server holds as
   * strings (one byte per character): part of the heap reading that is not the operator's.
   */
  private Map<String, Long> storedJsonBytes(String namespace) {
    Map<String, List<? extends HasMetadata>> kinds = new LinkedHashMap<>();
    kinds.put(
        "searches",
        client.resources(ArchitectureSearch.class).inNamespace(namespace).list().getItems());
    kinds.put("jobs", client.batch().v1().jobs().inNamespace(namespace).list().getItems());
    kinds.put("pods", client.pods().inNamespace(namespace).list().getItems());
    kinds.put("configmaps", client.configMaps().inNamespace(namespace).list().getItems());
    kinds.put("serviceaccounts", client.serviceAccounts().inNamespace(namespace).list().getItems());
    kinds.put("roles", client.rbac().roles().inNamespace(namespace).list().getItems());
    kinds.put(
        "rolebindings", client.rbac().roleBindings().inNamespace(namespace).list().getItems());
    kinds.put("claims", client.persistentVolumeClaims().inNamespace(namespace).list().getItems());
    kinds.put("events", client.v1().events().inNamespace(namespace).list().getItems());
    Map<String, Long> bytes = new LinkedHashMap<>();
    kinds.forEach(
        (kind, items) ->
            bytes.put(kind, items.stream().mapToLong(o -> Serialization.asJson(o).length()).sum()));
    return bytes;
  }

  /**
   * Drops the mock server's log of the requests it answered (it keeps each one, body included, for
   * tests to inspect: memory of the test harness, not of the operator); returns how many.
   */
  private int dropRequestLog() throws InterruptedException {
    int recorded = 0;
    while (server.getKubernetesMockServer().takeRequest(1, TimeUnit.MILLISECONDS) != null) {
      recorded++;
    }
    return recorded;
  }

  private static long heapAfterGc() {
    System.gc();
    return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
  }

  private long succeeded(String namespace) {
    return client
        .resources(ArchitectureSearch.class)
        .inNamespace(namespace)
        .list()
        .getItems()
        .stream()
        .filter(s -> s.getStatus() != null && s.getStatus().getPhase() == SearchPhase.SUCCEEDED)
        .count();
  }

  private void fakeTraining(String namespace, Job job) {
    String search = job.getMetadata().getLabels().get("zarts.io/search");
    TrainerProgress p = TrainerFakes.finalReport(3);
    ConfigMap progress =
        client.configMaps().inNamespace(namespace).withName(search + "-progress").get();
    if (progress != null) {
      progress.setData(Map.of(TrainerProgress.FILE_NAME, p.toJson()));
      client.resource(progress).update();
    }
    job.setStatus(TrainerFakes.complete());
    client.resource(job).updateStatus();
  }

  static double percentile(List<Double> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
