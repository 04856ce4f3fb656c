package io.zarts.operator.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.jboss.logging.Logger;

/**
 * Kubernetes Events on a search for the transitions people look for in `kubectl describe`: Normal
 * for progress (JobCreated, Running, Completed, Suspended), Warning for problems (InvalidSpec,
 * ImmutableFieldChanged, a failed trainer). Like the kubelet's event correlator, one event stands
 * for one (type, reason, message) of one search: its name is derived from them, and recording it
 * again raises its count and lastTimestamp instead of adding an event. Best effort: an event that
 * cannot be written never fails a reconcile.
 */
public final class SearchEvents {

  private static final Logger LOG = Logger.getLogger(SearchEvents.class);
  private static final int MAX_MESSAGE = 1024;

  private SearchEvents() {}

  public static void normal(
      KubernetesClient client, ArchitectureSearch search, String reason, String message) {
    emit(client, search, "Normal", reason, message);
  }

  public static void warning(
      KubernetesClient client, ArchitectureSearch search, String reason, String message) {
    emit(client, search, "Warning", reason, message);
  }

  /** The event's name: the search's and a digest of what the event says and of whom. */
  static String name(ArchitectureSearch search, String type, String reason, String message) {
    String key =
        String.join("\n", String.valueOf(search.getMetadata().getUid()), type, reason, message);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return search.getMetadata().getName() + "." + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void emit(
      KubernetesClient client,
      ArchitectureSearch search,
      String type,
      String reason,
      String message) {
    String text =
        message == null
            ? ""
            : message.length() > MAX_MESSAGE
                ? message.substring(0, MAX_MESSAGE - 3) + "..."
                : message;
    String name = name(search, type, reason, text);
    String namespace = search.getMetadata().getNamespace();
    String now = Instant.now().toString();
    try {
      var events = client.v1().events().inNamespace(namespace);
      Event event =
          new EventBuilder()
              .withNewMetadata()
              .withName(name)
              .withNamespace(namespace)
              .endMetadata()
              .withNewInvolvedObject()
              .withApiVersion(ArchitectureSearch.API_VERSION)
              .withKind(ArchitectureSearch.KIND)
              .withName(search.getMetadata().getName())
              .withNamespace(namespace)
              .withUid(search.getMetadata().getUid())
              .endInvolvedObject()
              .withType(type)
              .withReason(reason)
              .withMessage(text)
              .withNewSource()
              .withComponent("zarts-operator")
              .endSource()
              .withFirstTimestamp(now)
              .withLastTimestamp(now)
              .withCount(1)
              .build();
      try {
        events.resource(event).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        Event existing = events.withName(name).get();
        if (existing == null) {
          // Expired between the create and the read (events live an hour): record it afresh.
          events.resource(event).create();
          return;
        }
        int count = existing.getCount() == null ? 1 : existing.getCount();
        events
            .withName(name)
            .patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"count\":" + (count + 1) + ",\"lastTimestamp\":\"" + now + "\"}");
      }
    } catch (RuntimeException e) {
      LOG.debugf(
          "cannot record event %s on %s: %s",
          reason, search.getMetadata().getName(), e.getMessage());
    }
  }
}
