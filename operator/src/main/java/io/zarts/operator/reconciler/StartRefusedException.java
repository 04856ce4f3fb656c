package io.zarts.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.zarts.operator.status.Observation;
import java.net.HttpURLConnection;

/**
 * A trainer could not be started: the API server refused its Job or an object it needs, or an
 * object of someone else's is in the way. Thrown after the status saying why has been written, so
 * that the operator SDK retries the reconcile with its back-off (a quota may be raised, a policy
 * changed, the object removed).
 */
final class StartRefusedException extends RuntimeException {

  StartRefusedException(Observation.Refusal refusal) {
    super(refusal.reason() + ": " + refusal.message());
  }

  /**
   * The refusal an API error stands for (403: QuotaExceeded or Forbidden, 422: Invalid), or null
   * for errors that are not a refusal of the Job itself.
   */
  static Observation.Refusal refusal(KubernetesClientException e) {
    String message =
        e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage()
            : String.valueOf(e.getMessage());
    return switch (e.getCode()) {
      case HttpURLConnection.HTTP_FORBIDDEN ->
          new Observation.Refusal(
              message.contains("exceeded quota") ? "QuotaExceeded" : "Forbidden", message);
      case 422 -> new Observation.Refusal("Invalid", message);
      default -> null;
    };
  }
}
