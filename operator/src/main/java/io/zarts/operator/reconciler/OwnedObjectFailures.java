package io.zarts.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.operator.dependent.OwnedObjectConflictException;
import io.zarts.operator.status.Observation;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs the owned objects' workflow and says, as the status says it, why it failed: an object of
 * someone else's in the way (OwnedObjectConflict), or the API server's refusal to write one
 * (OwnedObjectRefused: a quota, a LimitRange, an admission webhook, RBAC's escalation check). The
 * operator SDK would otherwise end the pass before any status is written, and a new search would
 * show nothing at all.
 */
final class OwnedObjectFailures {

  static final String REFUSED = "OwnedObjectRefused";

  private OwnedObjectFailures() {}

  static Optional<Observation.Refusal> reconcile(Context<ArchitectureSearch> context) {
    try {
      context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
      return Optional.empty();
    } catch (AggregatedOperatorException e) {
      return Optional.of(refusal(e.getAggregatedExceptions()));
    }
  }

  /** The refusal the dependents' errors stand for: a conflict before any other error. */
  static Observation.Refusal refusal(Map<String, Exception> byDependent) {
    Map<String, Exception> sorted = new TreeMap<>(byDependent);
    for (Exception e : sorted.values()) {
      OwnedObjectConflictException conflict = find(e, OwnedObjectConflictException.class);
      if (conflict != null) {
        return new Observation.Refusal(OwnedObjectConflictException.REASON, conflict.getMessage());
      }
    }
    var first = sorted.entrySet().iterator().next();
    KubernetesClientException server = find(first.getValue(), KubernetesClientException.class);
    String message =
        server == null
            ? String.valueOf(first.getValue().getMessage())
            : server.getStatus() != null && server.getStatus().getMessage() != null
                ? server.getStatus().getMessage()
                : String.valueOf(server.getMessage());
    return new Observation.Refusal(
        REFUSED, "the API server refused to write the " + first.getKey() + ": " + message);
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
