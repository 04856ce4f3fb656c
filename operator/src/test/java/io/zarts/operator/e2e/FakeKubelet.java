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
 * as Kubernetes would (exit 0: Complete; 2, 3 or 5: Failed by the pod failure policy; anything
 * else: a replacement pod until the backoff limit). It also plays the garbage collector and the
 * kubelet's graceful stop: when a Job is deleted its pods are marked for deletion (they carry a
 * finalizer, so they stay visible while they stop), each running trainer gets SIGTERM, and a pod
 * disappears once its trainer has exited. Tests may hold those SIGTERMs to keep a pod stopping as
 * long as they need. Trainers are keyed by Job uid, so a second Job of the same name would run
 * beside a stopping one, as on a real cluster.
 */
final class FakeKubelet implements AutoCloseable {

  private final KubernetesClient client;
  private final Path root;
  private final Path trainerJar;
  private final int metricsPort;
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
  static final String FINALIZER = "test.zarts.io/kubelet";

  /** The node every pod is bound to, as the scheduler would write it. */
  static final String NODE = "fake-node-1";

  /** Running trainers by Job uid. */
  private final Map<String, Trainer> running = new ConcurrentHashMap<>();

  /** The most trainers of one search that were alive at the same time. */
  private final Map<String, Integer> mostAlive = new ConcurrentHashMap<>();

  private volatile boolean holdTerminations;

  /** One trainer process and the pod and Job it plays. */
  private record Trainer(String search, String jobKey, Pod pod, Process process) {}

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

  /** The running trainer process of a Job ("namespace/name"), if any (tests kill it). */
  Process process(String job) {
    return running.values().stream()
        .filter(t -> t.jobKey().equals(job))
        .map(Trainer::process)
        .findFirst()
        .orElse(null);
  }

  /** Pods being deleted keep running, without SIGTERM, until {@link #releaseTerminations()}. */
  void holdTerminations() {
    holdTerminations = true;
  }

  void releaseTerminations() {
    holdTerminations = false;
  }

  /** How many trainers of the search were ever alive at the same time. */
  int mostTrainersAliveAtOnce(String search) {
    return mostAlive.getOrDefault(search, 0);
  }

  Path claim(String name) {
    return root.resolve("claims").resolve(name);
  }

  private void tick() {
    try {
      for (Job job : client.batch().v1().jobs().inAnyNamespace().list().getItems()) {
        String uid = job.getMetadata().getUid();
        boolean finished =
            job.getStatus() != null
                && job.getStatus().getConditions() != null
                && !job.getStatus().getConditions().isEmpty();
        if (finished
            || job.getMetadata().getDeletionTimestamp() != null
            || Boolean.TRUE.equals(job.getSpec().getSuspend())
            || running.containsKey(uid)) {
          continue;
        }
        start(uid, job);
      }
      collectGarbage();
    } catch (RuntimeException e) {
      synchronized (log) {
        log.add("tick: " + e);
      }
    }
  }

  /**
   * Pods whose Job is gone are deleted; a running trainer whose pod is being deleted gets SIGTERM
   * (unless held); a pod without a trainer that is being deleted disappears.
   */
  private void collectGarbage() {
    for (Pod pod : client.pods().inAnyNamespace().withLabel("job-name").list().getItems()) {
      String ns = pod.getMetadata().getNamespace();
      String jobName = pod.getMetadata().getLabels().get("job-name");
      String jobUid = pod.getMetadata().getLabels().get("controller-uid");
      Job job = client.batch().v1().jobs().inNamespace(ns).withName(jobName).get();
      boolean orphan =
          job == null
              || job.getMetadata().getDeletionTimestamp() != null
              || !job.getMetadata().getUid().equals(jobUid);
      if (orphan && pod.getMetadata().getDeletionTimestamp() == null) {
        client.resource(pod).delete();
        continue;
      }
      if (pod.getMetadata().getDeletionTimestamp() == null) {
        continue;
      }
      Trainer trainer = running.get(jobUid);
      if (trainer == null) {
        removeFinalizer(pod);
      } else if (!holdTerminations) {
        trainer.process().destroy(); // SIGTERM; the pod goes when the trainer has exited
      }
    }
  }

  private void removeFinalizer(Pod pod) {
    client
        .pods()
        .inNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName())
        .edit(
            p -> {
              p.getMetadata().setFinalizers(List.of());
              return p;
            });
  }

  private void start(String uid, Job job) {
    String key = job.getMetadata().getNamespace() + "/" + job.getMetadata().getName();
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
                      .addToLabels("controller-uid", uid)
                      .withFinalizers(FINALIZER)
                      .endMetadata()
                      .withSpec(job.getSpec().getTemplate().getSpec())
                      .editSpec()
                      .withNodeName(NODE)
                      .endSpec()
                      .withNewStatus()
                      .withPhase("Running")
                      .addNewContainerStatus()
                      .withName(c.getName())
                      .withImage(c.getImage())
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
      String search = job.getMetadata().getLabels().get("zarts.io/search");
      running.put(uid, new Trainer(search, key, created, process));
      long alive = running.values().stream().filter(t -> t.search().equals(search)).count();
      mostAlive.merge(search, (int) alive, Math::max);
      process.onExit().thenAccept(p -> finished(uid, job, created, p.exitValue(), termination));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void finished(String uid, Job job, Pod pod, int exitCode, Path termination) {
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
      Pod stored =
          client
              .pods()
              .inNamespace(pod.getMetadata().getNamespace())
              .withName(pod.getMetadata().getName())
              .get();
      if (stored != null) {
        stored.setStatus(pod.getStatus());
        client.resource(stored).updateStatus();
        if (stored.getMetadata().getDeletionTimestamp() != null) {
          removeFinalizer(stored);
        }
      }
      Job current =
          client
              .batch()
              .v1()
              .jobs()
              .inNamespace(job.getMetadata().getNamespace())
              .withName(job.getMetadata().getName())
              .get();
      if (current == null || !current.getMetadata().getUid().equals(uid)) {
        return; // deleted (suspend, a new spec): nothing to report
      }
      int failed = failedSoFar(current) + (exitCode == 0 ? 0 : 1);
      if (exitCode == 0) {
        setJobStatus(current, 0, failed, true, null);
      } else if (exitCode == 2 || exitCode == 3 || exitCode == 5) {
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
      running.remove(uid);
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
    running.values().forEach(t -> t.process().destroyForcibly());
  }
}
