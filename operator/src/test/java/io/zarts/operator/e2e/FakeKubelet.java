package io.zarts.operator.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.zarts.api.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Plays the Job controller and the kubelet against the mock API server, for end-to-end tests: for
 * every trainer Job it creates a Pod and runs the real trainer jar as a child process with the
 * Job's arguments and environment, its ConfigMap and claims mapped to folders, and its Kubernetes
 * client pointed at the mock server; when the process ends it writes the pod's and the Job's status
 * as Kubernetes would (exit 0: Complete; 2 or 3: Failed by the pod failure policy; anything else: a
 * replacement pod until the backoff limit).
 */
final class FakeKubelet implements AutoCloseable {

  private final KubernetesClient client;
  private final Path root;
  private final Path trainerJar;
  private final int metricsPort;
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
  private final Map<String, Process> running = new ConcurrentHashMap<>();
  private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
  private final Map<String, String> firstAttemptEnv = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> firstAttemptEnvOfJob = new ConcurrentHashMap<>();
  final List<String> log = new ArrayList<>();

  FakeKubelet(KubernetesClient client, Path root, Path trainerJar) {
    this(client, root, trainerJar, -1);
  }

  /**
   * With metricsPort > 0, trainers serve their Prometheus metrics there (one trainer at a time).
   */
  FakeKubelet(KubernetesClient client, Path root, Path trainerJar, int metricsPort) {
    this.client = client;
    this.root = root;
    this.trainerJar = trainerJar;
    this.metricsPort = metricsPort;
    loop.scheduleWithFixedDelay(this::tick, 0, 200, TimeUnit.MILLISECONDS);
  }

  /** The trainer jar the reactor built; fails in CI and skips elsewhere when it is missing. */
  static Path trainerJar() {
    Path jar = RepoFiles.resolve("trainer-image/target/zarts-trainer.jar");
    if (!Files.exists(jar)) {
      if ("true".equals(System.getenv("CI"))) {
        fail("the trainer jar is missing: run the whole reactor (mvn verify)");
      }
      Assumptions.abort("trainer jar not built; run mvn verify from the root");
    }
    return jar;
  }

  /**
   * An environment variable for the first pod of every Job only, such as a trainer fault-injection
   * hook (ZARTS_FAULT_PAUSE_AT) that holds the first trainer at a known point until the test acts.
   */
  FakeKubelet firstAttemptEnv(String name, String value) {
    firstAttemptEnv.put(name, value);
    return this;
  }

  /** An environment variable for the first pod of the named Job only. */
  FakeKubelet firstAttemptEnv(String job, String name, String value) {
    firstAttemptEnvOfJob.computeIfAbsent(job, j -> new ConcurrentHashMap<>()).put(name, value);
    return this;
  }

  /** What the pod of a Job's attempt (1, 2, ...) has printed so far; empty before it starts. */
  String podLog(String job, int attempt) {
    Path log = root.resolve("pods").resolve(job + "-" + attempt).resolve("log");
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The running trainer process of a Job, if any (tests kill it). */
  Process process(String job) {
    return running.get(job);
  }

  Path claim(String name) {
    return root.resolve("claims").resolve(name);
  }

  private void tick() {
    try {
      for (Job job : client.batch().v1().jobs().inAnyNamespace().list().getItems()) {
        String key = job.getMetadata().getNamespace() + "/" + job.getMetadata().getName();
        boolean finished =
            job.getStatus() != null
                && job.getStatus().getConditions() != null
                && !job.getStatus().getConditions().isEmpty();
        if (finished
            || Boolean.TRUE.equals(job.getSpec().getSuspend())
            || running.containsKey(key)) {
          continue;
        }
        start(key, job);
      }
    } catch (RuntimeException e) {
      synchronized (log) {
        log.add("tick: " + e);
      }
    }
  }

  private void start(String key, Job job) {
    int attempt = attempts.merge(key, 1, Integer::sum);
    String ns = job.getMetadata().getNamespace();
    String podName = job.getMetadata().getName() + "-" + attempt;
    Container c = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    Path pod = root.resolve("pods").resolve(podName);
    Path etc = pod.resolve("etc-zarts");
    Path data = pod.resolve("data");
    Path termination = pod.resolve("termination-log");
    Path checkpoints = null;
    try {
      Files.createDirectories(etc);
      Files.createDirectories(data);
      for (Volume v : job.getSpec().getTemplate().getSpec().getVolumes()) {
        if (v.getConfigMap() != null) {
          var cm = client.configMaps().inNamespace(ns).withName(v.getConfigMap().getName()).get();
          Files.writeString(etc.resolve("search.yaml"), cm.getData().get("search.yaml"));
        }
        if ("checkpoints".equals(v.getName())) {
          checkpoints = Files.createDirectories(claim(v.getPersistentVolumeClaim().getClaimName()));
        }
      }
      List<String> args = new ArrayList<>();
      for (String a : c.getArgs()) {
        args.add(
            switch (a) {
              case "/etc/zarts/search.yaml" -> etc.resolve("search.yaml").toString();
              case "/checkpoints" -> checkpoints.toString();
              case "/data" -> data.toString();
              default -> a;
            });
      }
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Dai.djl.offline=true",
                  "-Dai.djl.pytorch.num_threads=1",
                  "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                  "-jar",
                  trainerJar.toString()));
      cmd.addAll(args);
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(pod.resolve("log").toFile());
      for (EnvVar e : c.getEnv()) {
        pb.environment().put(e.getName(), e.getValueFrom() != null ? ns : e.getValue());
      }
      pb.environment().put("ZARTS_METRICS_PORT", String.valueOf(metricsPort));
      pb.environment().put("ZARTS_TERMINATION_LOG", termination.toString());
      pb.environment().remove("DJL_CACHE_DIR");
      pb.environment().remove("ENGINE_CACHE_DIR");
      pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
      pb.environment().put("KUBERNETES_MASTER", client.getMasterUrl().toString());
      pb.environment().put("KUBERNETES_NAMESPACE", ns);
      pb.environment().put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
      pb.environment().put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
      pb.environment().put("KUBERNETES_TRUST_CERTIFICATES", "true");
      if (attempt == 1) {
        pb.environment().putAll(firstAttemptEnv);
        pb.environment()
            .putAll(firstAttemptEnvOfJob.getOrDefault(job.getMetadata().getName(), Map.of()));
      }
      Pod created =
          client
              .resource(
                  new PodBuilder()
                      .withNewMetadata()
                      .withName(podName)
                      .withNamespace(ns)
                      .withLabels(job.getSpec().getTemplate().getMetadata().getLabels())
                      .addToLabels("job-name", job.getMetadata().getName())
                      .endMetadata()
                      .withSpec(job.getSpec().getTemplate().getSpec())
                      .withNewStatus()
                      .withPhase("Running")
                      .addNewContainerStatus()
                      .withName(c.getName())
                      .withNewState()
                      .withNewRunning()
                      .withStartedAt(Instant.now().toString())
                      .endRunning()
                      .endState()
                      .endContainerStatus()
                      .endStatus()
                      .build())
              .create();
      setJobStatus(job, 1, failedSoFar(job), false, null);
      Process process = pb.start();
      running.put(key, process);
      process.onExit().thenAccept(p -> finished(key, job, created, p.exitValue(), termination));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void finished(String key, Job job, Pod pod, int exitCode, Path termination) {
    try {
      String message = Files.exists(termination) ? Files.readString(termination) : null;
      pod.getStatus().setPhase(exitCode == 0 ? "Succeeded" : "Failed");
      pod.getStatus().getContainerStatuses().get(0).getState().setRunning(null);
      pod.getStatus()
          .getContainerStatuses()
          .get(0)
          .getState()
          .setTerminated(
              new ContainerStateTerminatedBuilder()
                  .withExitCode(exitCode)
                  .withMessage(message)
                  .withReason(exitCode == 0 ? "Completed" : "Error")
                  .build());
      client.resource(pod).updateStatus();
      Job current =
          client
              .batch()
              .v1()
              .jobs()
              .inNamespace(job.getMetadata().getNamespace())
              .withName(job.getMetadata().getName())
              .get();
      if (current == null) {
        return; // deleted (suspend): nothing to report
      }
      int failed = failedSoFar(current) + (exitCode == 0 ? 0 : 1);
      if (exitCode == 0) {
        setJobStatus(current, 0, failed, true, null);
      } else if (exitCode == 2 || exitCode == 3) {
        setJobStatus(current, 0, failed, false, "PodFailurePolicy");
      } else if (failed > current.getSpec().getBackoffLimit()) {
        setJobStatus(current, 0, failed, false, "BackoffLimitExceeded");
      } else {
        setJobStatus(current, 0, failed, false, null);
      }
    } catch (IOException | RuntimeException e) {
      synchronized (log) {
        log.add("finished: " + e);
      }
    } finally {
      running.remove(key);
    }
  }

  private static int failedSoFar(Job job) {
    return job.getStatus() == null || job.getStatus().getFailed() == null
        ? 0
        : job.getStatus().getFailed();
  }

  private void setJobStatus(
      Job job, int active, int failed, boolean complete, String failureReason) {
    JobStatus status = new JobStatus();
    status.setActive(active);
    status.setFailed(failed);
    status.setSucceeded(complete ? 1 : 0);
    if (complete) {
      status.setConditions(
          List.of(new JobConditionBuilder().withType("Complete").withStatus("True").build()));
      status.setCompletionTime(Instant.now().toString());
    } else if (failureReason != null) {
      status.setConditions(
          List.of(
              new JobConditionBuilder()
                  .withType("Failed")
                  .withStatus("True")
                  .withReason(failureReason)
                  .withMessage("the trainer failed")
                  .build()));
    }
    Job copy =
        client
            .batch()
            .v1()
            .jobs()
            .inNamespace(job.getMetadata().getNamespace())
            .withName(job.getMetadata().getName())
            .get();
    if (copy != null) {
      copy.setStatus(status);
      client.resource(copy).updateStatus();
    }
  }

  @Override
  public void close() {
    loop.shutdownNow();
    running.values().forEach(Process::destroyForcibly);
  }
}
