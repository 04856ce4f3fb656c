package io.zarts.operator.events;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Kubernetes Events on a search for the transitions people look for in `kubectl describe`: Normal
 * for progress (JobCreated, Running, Completed, Suspended), Warning for problems (InvalidSpec,
 * ImmutableFieldChanged, a failed trainer). Best effort: an event that cannot be written never
 * fails a reconcile.
 */
public final class SearchEvents {

  private static final Logger LOG = Logger.getLogger(SearchEvents.class);

  private SearchEvents() {}

  public static void normal(
      KubernetesClient client, ArchitectureSearch search, String reason, String message) {
    emit(client, search, "Normal", reason, message);
  }

  public static void warning(
      KubernetesClient client, ArchitectureSearch search, String reason, String message) {
    emit(client, search, "Warning", reason, message);
  }

  private static void emit(
      KubernetesClient client,
      ArchitectureSearch search,
      String type,
      String reason,
      String message) {
    String now = Instant.now().toString();
    try {
      client
          .v1()
          .events()
          .inNamespace(search.getMetadata().getNamespace())
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(
                      search.getMetadata().getName()
                          + "."
                          + UUID.randomUUID().toString().substring(0, 8))
                  .withNamespace(search.getMetadata().getNamespace())
                  .endMetadata()
                  .withNewInvolvedObject()
                  .withApiVersion(ArchitectureSearch.API_VERSION)
                  .withKind(ArchitectureSearch.KIND)
                  .withName(search.getMetadata().getName())
                  .withNamespace(search.getMetadata().getNamespace())
                  .withUid(search.getMetadata().getUid())
                  .endInvolvedObject()
                  .withType(type)
                  .withReason(reason)
                  .withMessage(
                      message == null
                          ? ""
                          : message.length() > 1024 ? message.substring(0, 1021) + "..." : message)
                  .withNewSource()
                  .withComponent("zarts-operator")
                  .endSource()
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withCount(1)
                  .build())
          .create();
    } catch (RuntimeException e) {
      LOG.debugf(
          "cannot record event %s on %s: %s",
          reason, search.getMetadata().getName(), e.getMessage());
    }
  }
}
