package io.zarts.operator.reconciler;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import java.time.Duration;

/** Steps the mock-server tests share. */
final class MockServerSteps {

  private MockServerSteps() {}

  /**
   * The next creates at that collection path answer 403 with the message, as an admission check (a
   * quota, an RBAC escalation check) does; later ones reach the mock's store.
   */
  static void refuseCreates(KubernetesServer server, String path, String message, int times) {
    server
        .expect()
        .post()
        .withPath(path)
        .andReturn(
            403,
            new StatusBuilder()
                .withStatus("Failure")
                .withCode(403)
                .withReason("Forbidden")
                .withMessage(message)
                .build())
        .times(times);
  }

  /** Waits until the operator has written the status for the edited search's generation. */
  static void awaitObserved(KubernetesClient client, ArchitectureSearch edited, Duration wait) {
    await()
        .atMost(wait)
        .until(
            () ->
                edited
                    .getMetadata()
                    .getGeneration()
                    .equals(client.resource(edited).get().getStatus().getObservedGeneration()));
  }
}
