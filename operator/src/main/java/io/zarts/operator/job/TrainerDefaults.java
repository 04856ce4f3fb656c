package io.zarts.operator.job;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/**
 * What the operator's configuration (application.properties / Helm values), never the resource,
 * decides about trainer pods: the image and pull policy, default requests and limits, the size
 * limit of the writable /tmp, the grace period (long enough for one step and one checkpoint), the
 * Job's retry budget, how long a finished Job stays, the pod's user (null: the platform assigns it,
 * as OpenShift does), and where GPU trainers may run (a node selector and tolerations added to pods
 * that request GPUs; the resource's own node selector keys win).
 */
public record TrainerDefaults(
    String image,
    String pullPolicy,
    Map<String, Quantity> requests,
    Map<String, Quantity> limits,
    Quantity tmpSize,
    long terminationGracePeriodSeconds,
    int backoffLimit,
    Long runAsUser,
    int metricsPort,
    Map<String, String> gpuNodeSelector,
    List<Toleration> gpuTolerations,
    long finishedJobTtlSeconds) {

  public TrainerDefaults {
    gpuNodeSelector = Map.copyOf(gpuNodeSelector);
    gpuTolerations = List.copyOf(gpuTolerations);
  }

  /** The defaults the Helm chart also ships. */
  public static TrainerDefaults standard(String image) {
    return new TrainerDefaults(
        image,
        "IfNotPresent",
        Map.of("cpu", new Quantity("2"), "memory", new Quantity("8Gi")),
        Map.of("memory", new Quantity("16Gi")),
        new Quantity("1Gi"),
        300,
        6,
        10001L,
        9400,
        Map.of(),
        List.of(),
        86400);
  }

  /** The same defaults with GPU scheduling rules. */
  public TrainerDefaults withGpuScheduling(
      Map<String, String> nodeSelector, List<Toleration> tolerations) {
    return new TrainerDefaults(
        image,
        pullPolicy,
        requests,
        limits,
        tmpSize,
        terminationGracePeriodSeconds,
        backoffLimit,
        runAsUser,
        metricsPort,
        nodeSelector,
        tolerations,
        finishedJobTtlSeconds);
  }
}
