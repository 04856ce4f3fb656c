package io.zarts.operator.job;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/**
 * What the operator's configuration (application.properties / Helm values), never the resource, decides about
 * trainer pods: the image and pull policy, default requests and limits, the size of the DJL cache volume, the
 * grace period (long enough for one step and one checkpoint), the Job's retry budget and the pod's user.
 */
public record TrainerDefaults(String image, String pullPolicy, Map<String, Quantity> requests,
    Map<String, Quantity> limits, Quantity djlCacheSize, long terminationGracePeriodSeconds, int backoffLimit,
    long runAsUser, int metricsPort) {

  /** The defaults the Helm chart also ships. */
  public static TrainerDefaults standard(String image) {
    return new TrainerDefaults(image, "IfNotPresent",
        Map.of("cpu", new Quantity("2"), "memory", new Quantity("8Gi")),
        Map.of("memory", new Quantity("16Gi")),
        new Quantity("4Gi"), 300, 6, 10001, 9400);
  }
}
