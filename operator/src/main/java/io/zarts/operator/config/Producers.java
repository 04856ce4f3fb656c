package io.zarts.operator.config;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.zarts.api.validation.ArchitectureSearchValidator;
import io.zarts.operator.job.TrainerDefaults;
import io.zarts.operator.job.TrainerJobFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Wires configuration into the pure building blocks. */
public class Producers {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  @Produces
  @ApplicationScoped
  TrainerJobFactory jobFactory(OperatorSettings settings) {
    return new TrainerJobFactory(trainerDefaults(settings.trainer()));
  }

  static TrainerDefaults trainerDefaults(OperatorSettings.Trainer t) {
    if (t.finishedJobTtlSeconds() < 600) {
      // The status must record a finished Job before its TTL removes it.
      throw new IllegalStateException(
          "zarts.operator.trainer.finished-job-ttl-seconds must be at least 600; got "
              + t.finishedJobTtlSeconds());
    }
    Map<String, String> nodeSelector =
        parse(
            "zarts.operator.trainer.gpu-node-selector",
            t.gpuNodeSelector(),
            new TypeReference<>() {});
    List<Toleration> tolerations =
        parse(
            "zarts.operator.trainer.gpu-tolerations", t.gpuTolerations(), new TypeReference<>() {});
    return new TrainerDefaults(
        t.image(),
        t.pullPolicy(),
        Map.of("cpu", new Quantity(t.cpuRequest()), "memory", new Quantity(t.memoryRequest())),
        Map.of("memory", new Quantity(t.memoryLimit())),
        new Quantity(t.tmpSize()),
        t.terminationGracePeriodSeconds(),
        t.backoffLimit(),
        t.platformAssignsUids() ? null : t.runAsUser(),
        t.metricsPort(),
        nodeSelector,
        tolerations,
        t.finishedJobTtlSeconds());
  }

  /** A JSON setting, or a start-up failure that names the setting and what it must look like. */
  private static <T> T parse(String setting, String json, TypeReference<T> type) {
    try {
      T value =
          JSON.unmarshal(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), type);
      if (value == null) {
        throw new IllegalArgumentException("empty");
      }
      return value;
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          setting
              + " must be JSON ("
              + type.getType().getTypeName()
              + "), e.g. '{\"nvidia.com/gpu.present\":\"true\"}' or '[{\"key\":\"nvidia.com/gpu\",\"operator\":"
              + "\"Exists\",\"effect\":\"NoSchedule\"}]'; got: "
              + json,
          e);
    }
  }

  @Produces
  @ApplicationScoped
  ArchitectureSearchValidator validator() {
    return ArchitectureSearchValidator.bundled();
  }
}
