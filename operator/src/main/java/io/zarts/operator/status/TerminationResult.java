package io.zarts.operator.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.zarts.api.genotype.Genotype;
import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import io.zarts.api.v1alpha1.BestResult;
import io.zarts.api.v1alpha1.BudgetStatus;
import java.util.List;
import java.util.Optional;

/**
 * The trainer's exit summary (its termination message, at most 4 KiB of JSON: schemaVersion,
 * reason, exitCode, epoch, bestValidAccuracy, genotype, the budget, and testAccuracy from the
 * evaluation stage), read from the terminated trainer container. Truncated JSON, logs that the
 * kubelet put there instead (FallbackToLogsOnError), or binary junk are simply not a result.
 */
public record TerminationResult(
    Genotype genotype,
    Double bestValidAccuracy,
    Integer epoch,
    Double testAccuracy,
    BudgetStatus budget) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static Optional<TerminationResult> read(List<Pod> pods) {
    for (Pod pod : pods) {
      if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
        continue;
      }
      for (ContainerStatus cs : pod.getStatus().getContainerStatuses()) {
        var terminated = cs.getState() == null ? null : cs.getState().getTerminated();
        if (terminated != null && terminated.getMessage() != null) {
          Optional<TerminationResult> result = parse(terminated.getMessage());
          if (result.isPresent()) {
            return result;
          }
        }
      }
    }
    return Optional.empty();
  }

  static Optional<TerminationResult> parse(String message) {
    try {
      JsonNode doc = JSON.readTree(message);
      if (doc == null
          || !doc.isObject()
          || doc.path("schemaVersion").asInt(0) != 1
          || !doc.hasNonNull("genotype")) {
        return Optional.empty();
      }
      return Optional.of(
          new TerminationResult(
              Genotype.parse(doc.get("genotype").asText()),
              doc.hasNonNull("bestValidAccuracy") ? doc.get("bestValidAccuracy").asDouble() : null,
              doc.hasNonNull("epoch") ? doc.get("epoch").asInt() : null,
              doc.hasNonNull("testAccuracy") ? doc.get("testAccuracy").asDouble() : null,
              doc.hasNonNull("budget")
                  ? JSON.treeToValue(doc.get("budget"), BudgetStatus.class)
                  : null));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /**
   * Fills in the result when no progress report brought it, and takes the budget in any case: the
   * trainer's last word on it (a lost final report must not leave a stale one).
   */
  void applyTo(ArchitectureSearchStatus status) {
    if (status.getGenotype() == null) {
      status.setGenotype(genotype);
      if (bestValidAccuracy != null && status.getBest() == null) {
        BestResult best = new BestResult();
        best.setValidAccuracy(bestValidAccuracy);
        status.setBest(best);
      }
    }
    if (budget != null) {
      status.setBudget(budget);
    }
  }
}
