package io.zarts.operator.reconciler;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.operator.dependent.TrimmedItemStore;
import io.zarts.operator.status.Observation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Pods the Job controller could not create (refused by a ResourceQuota, a LimitRange or an
 * admission webhook): the controller says so only in a FailedCreate event on the Job. An informer
 * on those events, mapped to the search by the Job's name, and the newest one that concerns a
 * stage's current Job and came after its newest pod.
 */
final class PodCreationFailures {

  static final String REASON = "FailedCreate";

  /** The suffixes of the two trainer Jobs' names (SearchNames). */
  private static final List<String> JOB_SUFFIXES = List.of("-trainer", "-evaluate");

  private PodCreationFailures() {}

  /**
   * serverSideFilter: let the API server send only FailedCreate events of Jobs (a field selector);
   * off only where the API server cannot filter by these fields (the test mock answers any such
   * selector with nothing). The mapper filters the same way, so the result is the same. A field
   * selector cannot match a name's suffix, so the events of other Jobs in the watched namespaces
   * (other tenants' CronJobs) still arrive; they are neither cached nor mapped to a search.
   */
  static InformerEventSourceConfiguration<Event> configuration(boolean serverSideFilter) {
    var builder =
        InformerEventSourceConfiguration.from(Event.class, ArchitectureSearch.class)
            .withName("pod-creation-failures")
            .withSecondaryToPrimaryMapper(PodCreationFailures::searchOf)
            .withItemStore(new TrimmedItemStore<>(event -> !searchOf(event).isEmpty()));
    if (serverSideFilter) {
      builder.withFieldSelector(
          new FieldSelector(
              new FieldSelector.Field("reason", REASON),
              new FieldSelector.Field("involvedObject.kind", "Job")));
    }
    return builder.build();
  }

  static InformerEventSource<Event, ArchitectureSearch> eventSource(
      EventSourceContext<ArchitectureSearch> ctx, boolean serverSideFilter) {
    return new InformerEventSource<>(configuration(serverSideFilter), ctx);
  }

  /** The search whose trainer Job the event is about, by the Job's name. */
  static Set<ResourceID> searchOf(Event event) {
    ObjectReference job = event.getInvolvedObject();
    if (!REASON.equals(event.getReason()) || job == null || !"Job".equals(job.getKind())) {
      return Set.of();
    }
    String name = Objects.requireNonNullElse(job.getName(), "");
    String namespace =
        job.getNamespace() != null ? job.getNamespace() : event.getMetadata().getNamespace();
    return JOB_SUFFIXES.stream()
        .filter(suffix -> name.endsWith(suffix) && name.length() > suffix.length())
        .map(
            suffix -> new ResourceID(name.substring(0, name.length() - suffix.length()), namespace))
        .collect(Collectors.toSet());
  }

  /**
   * The newest FailedCreate of this Job (matched by uid) that is newer than every pod of it: the
   * Job controller could not create the pod it wants now. Empty when a pod came since.
   */
  static Optional<Observation.Refusal> of(Job job, List<Pod> jobPods, Collection<Event> events) {
    if (job == null) {
      return Optional.empty();
    }
    Instant newestPod =
        jobPods.stream()
            .map(p -> time(p.getMetadata().getCreationTimestamp()))
            .filter(Objects::nonNull)
            .max(Comparator.naturalOrder())
            .orElse(Instant.MIN);
    return events.stream()
        .filter(e -> !searchOf(e).isEmpty())
        .filter(e -> e.getInvolvedObject().getName().equals(job.getMetadata().getName()))
        .filter(
            e ->
                e.getInvolvedObject().getUid() == null
                    || e.getInvolvedObject().getUid().equals(job.getMetadata().getUid()))
        .filter(e -> when(e) != null && when(e).isAfter(newestPod))
        .max(Comparator.comparing(PodCreationFailures::when))
        .map(e -> new Observation.Refusal(REASON, Objects.requireNonNullElse(e.getMessage(), "")));
  }

  /** When the event last happened: lastTimestamp, else eventTime, else its creation. */
  static Instant when(Event e) {
    Instant last = time(e.getLastTimestamp());
    if (last != null) {
      return last;
    }
    Instant eventTime = e.getEventTime() == null ? null : time(e.getEventTime().getTime());
    return eventTime != null ? eventTime : time(e.getMetadata().getCreationTimestamp());
  }

  private static Instant time(String rfc3339) {
    if (rfc3339 == null || rfc3339.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(rfc3339);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
