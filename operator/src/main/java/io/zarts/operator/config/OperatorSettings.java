package io.zarts.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Operator configuration (application.properties, environment, Helm values): never taken from a
 * resource.
 */
@ConfigMapping(prefix = "zarts.operator")
public interface OperatorSettings {

  Trainer trainer();

  Checkpoint checkpoint();

  Events events();

  Metrics metrics();

  /** The operator's own metrics on /q/metrics. */
  interface Metrics {
    /**
     * all (up to 8 series per search), alerts (zarts_search_phase and
     * zarts_search_trainer_attempts, which the chart's alerts read) or none (zarts_searches per
     * phase and the reconcile counters only).
     */
    @WithDefault("all")
    PerSearchSeries perSearchSeries();
  }

  /** The Kubernetes Events the operator reads (FailedCreate of trainer Jobs). */
  interface Events {
    /**
     * Let the API server filter the watched events (field selector reason=FailedCreate,
     * involvedObject.kind=Job), so that the operator caches only those. Off only for API servers
     * that cannot filter by these fields, such as the test mock.
     */
    @WithDefault("true")
    boolean serverSideFilter();
  }

  /** How trainer pods are built. */
  interface Trainer {
    @WithDefault("zarts/trainer:0.1.0-cpu")
    String image();

    @WithDefault("IfNotPresent")
    String pullPolicy();

    @WithDefault("2")
    String cpuRequest();

    @WithDefault("8Gi")
    String memoryRequest();

    @WithDefault("16Gi")
    String memoryLimit();

    /** The size limit of the trainer's writable /tmp (an emptyDir); the engine is in the image. */
    @WithDefault("1Gi")
    String tmpSize();

    @WithDefault("300")
    long terminationGracePeriodSeconds();

    @WithDefault("6")
    int backoffLimit();

    /**
     * ttlSecondsAfterFinished of trainer Jobs: a finished Job is removed after this long; its
     * result stays in the status and the progress ConfigMap.
     */
    @WithDefault("86400")
    long finishedJobTtlSeconds();

    @WithDefault("10001")
    long runAsUser();

    /**
     * true: trainer pods set no runAsUser, runAsGroup or fsGroup, and the platform assigns them
     * (OpenShift's restricted-v2 SCC refuses a pod whose UID is outside the namespace's range).
     */
    @WithDefault("false")
    boolean platformAssignsUids();

    @WithDefault("9400")
    int metricsPort();

    /**
     * Node selector for trainer pods that request GPUs, as a JSON object (the Helm chart writes it
     * with toJson, since label keys such as nvidia.com/gpu.present cannot be environment variable
     * names).
     */
    @WithDefault("{}")
    String gpuNodeSelector();

    /**
     * Tolerations for trainer pods that request GPUs, as a JSON array of Kubernetes tolerations.
     */
    @WithDefault("[]")
    String gpuTolerations();
  }

  /** Checkpoint claims. */
  interface Checkpoint {
    /** StorageClass of new claims when the resource names none; unset uses the cluster default. */
    Optional<String> storageClassName();

    /**
     * Access mode of new claims. ReadWriteOncePod lets only one pod in the cluster mount the claim,
     * so a second trainer cannot start while the first still checkpoints; set ReadWriteOnce for
     * storage drivers without it (CSI only, Kubernetes 1.29+).
     */
    @WithDefault("ReadWriteOncePod")
    String accessMode();
  }
}
