package io.zarts.operator.reconciler;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.operator.dependent.TrimmedItemStore;
import io.zarts.operator.status.Observation;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A checkpoint claim that cannot be bound: no PersistentVolume matches and no StorageClass can
 * provision one. The volume controller says why only in a Warning event on the claim
 * (FailedBinding, ProvisioningFailed); the pod meanwhile is merely unschedulable. An informer on
 * claim events, mapped to the search by the claim's name, and the newest warning of a claim that is
 * still Pending.
 */
final class ClaimBindingFailures {

  static final Set<String> REASONS = Set.of("FailedBinding", "ProvisioningFailed");

  /** The suffix of the claim a search owns (SearchNames.checkpointClaim). */
  private static final String CLAIM_SUFFIX = "-checkpoints";

  private ClaimBindingFailures() {}

  /**
   * serverSideFilter: let the API server send only warnings about claims (the mock cannot filter by
   * these fields; the mapper filters the same way). The cache keeps only the warnings of claims
   * named like a search's own.
   */
  static InformerEventSourceConfiguration<Event> configuration(boolean serverSideFilter) {
    var builder =
        InformerEventSourceConfiguration.from(Event.class, ArchitectureSearch.class)
            .withName("claim-binding-failures")
            .withSecondaryToPrimaryMapper(ClaimBindingFailures::searchOf)
            .withItemStore(new TrimmedItemStore<>(event -> !searchOf(event).isEmpty()));
    if (serverSideFilter) {
      // Both reasons are warnings (kubectl get events --field-selector type=Warning).
      builder.withFieldSelector(
          new FieldSelector(
              new FieldSelector.Field("involvedObject.kind", "PersistentVolumeClaim"),
              new FieldSelector.Field("type", "Warning")));
    }
    return builder.build();
  }

  static InformerEventSource<Event, ArchitectureSearch> eventSource(
      EventSourceContext<ArchitectureSearch> ctx, boolean serverSideFilter) {
    return new InformerEventSource<>(configuration(serverSideFilter), ctx);
  }

  /** The search whose checkpoint claim the warning is about, by the claim's name. */
  static Set<ResourceID> searchOf(Event event) {
    ObjectReference claim = event.getInvolvedObject();
    if (!REASONS.contains(event.getReason())
        || claim == null
        || !"PersistentVolumeClaim".equals(claim.getKind())) {
      return Set.of();
    }
    String name = Objects.requireNonNullElse(claim.getName(), "");
    if (!name.endsWith(CLAIM_SUFFIX) || name.length() == CLAIM_SUFFIX.length()) {
      return Set.of();
    }
    String namespace =
        claim.getNamespace() != null ? claim.getNamespace() : event.getMetadata().getNamespace();
    return Set.of(
        new ResourceID(name.substring(0, name.length() - CLAIM_SUFFIX.length()), namespace));
  }

  /**
   * Why the claim is not bound: the newest binding warning of this claim (matched by uid) while it
   * is Pending, with what to do. Empty for a bound claim, or a Pending one with no warning (a
   * StorageClass that binds when the pod is scheduled).
   */
  static Optional<Observation.Refusal> of(PersistentVolumeClaim claim, Collection<Event> events) {
    if (claim == null
        || claim.getStatus() == null
        || !"Pending".equals(claim.getStatus().getPhase())) {
      return Optional.empty();
    }
    String name = claim.getMetadata().getName();
    return events.stream()
        .filter(e -> !searchOf(e).isEmpty())
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .filter(
            e ->
                e.getInvolvedObject().getUid() == null
                    || e.getInvolvedObject().getUid().equals(claim.getMetadata().getUid()))
        .filter(e -> PodCreationFailures.when(e) != null)
        .max(Comparator.comparing(PodCreationFailures::when))
        .map(
            e ->
                new Observation.Refusal(
                    "ClaimPending",
                    "the checkpoint claim "
                        + name
                        + " is not bound ("
                        + e.getReason()
                        + ": "
                        + Objects.requireNonNullElse(e.getMessage(), "")
                        + "); set spec.checkpoint.storageClassName to a StorageClass of the"
                        + " cluster, or give the cluster a default StorageClass"));
  }
}
