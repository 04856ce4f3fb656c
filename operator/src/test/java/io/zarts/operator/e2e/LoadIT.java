package io.zarts.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.zarts.api.genotype.Genotype;
import io.zarts.api.progress.TrainerProgress;
import io.zarts.api.progress.TrainerState;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.operator.Examples;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * 200 searches created at once, each "trained" by a fast fake (the test completes the Job and
 * writes the final progress report as soon as the Job appears): all reach Succeeded, each gets
 * exactly one Job; prints the create-to-Job latency percentiles and the JVM heap for
 * docs/benchmarks.md.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class LoadIT {

  static final int SEARCHES = 200;

  @Inject KubernetesClient client;

  @Test
  void twoHundredSearchesAllSucceed() {
    ArchitectureSearch template = Examples.load("quickstart.yaml");
    Map<String, Long> created = new ConcurrentHashMap<>();
    Map<String, Long> jobSeen = new ConcurrentHashMap<>();
    long start = System.nanoTime();
    for (int i = 0; i < SEARCHES; i++) {
      ArchitectureSearch s = Serialization.clone(template);
      s.getMetadata().setName("load-" + i);
      s.getMetadata().setNamespace("load");
      s.setStatus(null);
      created.put("load-" + i + "-trainer", System.nanoTime());
      client.resource(s).create();
    }
    String genotype =
        "Genotype(normal=[('skip_connect', 0)], normal_concat=[2], reduce=[], reduce_concat=[2])";
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              for (Job job : client.batch().v1().jobs().inNamespace("load").list().getItems()) {
                String name = job.getMetadata().getName();
                if (jobSeen.putIfAbsent(name, System.nanoTime()) == null) {
                  fakeTraining(job, genotype);
                }
              }
              return client
                      .resources(ArchitectureSearch.class)
                      .inNamespace("load")
                      .list()
                      .getItems()
                      .stream()
                      .filter(
                          s ->
                              s.getStatus() != null
                                  && s.getStatus().getPhase() == SearchPhase.SUCCEEDED)
                      .count()
                  == SEARCHES;
            });
    double seconds = (System.nanoTime() - start) / 1e9;
    List<Double> latencies = new ArrayList<>();
    jobSeen.forEach((job, t) -> latencies.add((t - created.get(job)) / 1e6));
    Collections.sort(latencies);
    System.gc();
    long heap =
        (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024);
    System.out.printf(
        "LOAD %d searches Succeeded in %.1f s; create->Job latency p50 %.0f ms, p99 %.0f ms,"
            + " max %.0f ms; heap after GC %d MiB%n",
        SEARCHES,
        seconds,
        percentile(latencies, 50),
        percentile(latencies, 99),
        latencies.get(latencies.size() - 1),
        heap);
    assertThat(client.batch().v1().jobs().inNamespace("load").list().getItems()).hasSize(SEARCHES);
    assertThat(jobSeen).hasSize(SEARCHES);
  }

  private void fakeTraining(Job job, String genotype) {
    String search = job.getMetadata().getLabels().get("zarts.io/search");
    TrainerProgress p = new TrainerProgress();
    p.setState(TrainerState.SUCCEEDED);
    p.setEpoch(3);
    p.setTotalEpochs(3);
    p.setGenotype(Genotype.parse(genotype));
    ConfigMap progress =
        client.configMaps().inNamespace("load").withName(search + "-progress").get();
    if (progress != null) {
      progress.setData(Map.of(TrainerProgress.FILE_NAME, p.toJson()));
      client.resource(progress).update();
    }
    job.setStatus(
        new JobStatusBuilder()
            .withSucceeded(1)
            .withConditions(
                new JobConditionBuilder().withType("Complete").withStatus("True").build())
            .build());
    client.resource(job).updateStatus();
  }

  static double percentile(List<Double> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
