package io.zarts.operator.config;

import io.fabric8.kubernetes.api.model.Quantity;
import io.zarts.api.validation.ArchitectureSearchValidator;
import io.zarts.operator.job.TrainerDefaults;
import io.zarts.operator.job.TrainerJobFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Map;

/** Wires configuration into the pure building blocks. */
public class Producers {

  @Produces
  @ApplicationScoped
  TrainerJobFactory jobFactory(OperatorSettings settings) {
    OperatorSettings.Trainer t = settings.trainer();
    return new TrainerJobFactory(new TrainerDefaults(t.image(), t.pullPolicy(),
        Map.of("cpu", new Quantity(t.cpuRequest()), "memory", new Quantity(t.memoryRequest())),
        Map.of("memory", new Quantity(t.memoryLimit())), new Quantity(t.djlCacheSize()),
        t.terminationGracePeriodSeconds(), t.backoffLimit(), t.runAsUser(), t.metricsPort()));
  }

  @Produces
  @ApplicationScoped
  ArchitectureSearchValidator validator() {
    return ArchitectureSearchValidator.bundled();
  }
}
