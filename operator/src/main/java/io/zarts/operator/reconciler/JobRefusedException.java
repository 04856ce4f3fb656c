package io.zarts.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.zarts.operator.status.Observation;
import java.net.HttpURLConnection;

/**
 * The API server refused to create a trainer Job. Thrown after the status saying why has been
 * written, so that the operator SDK retries the reconcile with its back-off (a quota may be raised,
 * a policy changed).
 */
final class JobRefusedException extends RuntimeException {

  JobRefusedException(Observation.Refusal refusal) {
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
