package io.zarts.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import io.zarts.operator.status.StatusPatch;

/**
 * Writes a search's status: the whole status replaced in the status subresource ({@link
 * StatusPatch}), without a resourceVersion, since the operator alone owns the status and a conflict
 * would only delay a write that is recomputed from scratch anyway. The reconciler writes through
 * {@link #write(Context, ArchitectureSearch, ArchitectureSearchStatus)}, which hands the answer to
 * the operator SDK's cache so that the next pass sees its own write.
 */
public final class StatusWriter {

  private StatusWriter() {}

  /** Patches the status and caches the server's answer for the next pass. */
  static ArchitectureSearch write(
      Context<ArchitectureSearch> context,
      ArchitectureSearch search,
      ArchitectureSearchStatus status) {
    return context
        .resourceOperations()
        .resourcePatch(
            search,
            s -> patch(context.getClient(), s, status),
            context.eventSourceRetriever().getControllerEventSource());
  }

  /** Replaces the status of the search; returns the resource as the server stored it. */
  public static ArchitectureSearch patch(
      KubernetesClient client, ArchitectureSearch search, ArchitectureSearchStatus status) {
    return client
        .resources(ArchitectureSearch.class)
        .inNamespace(search.getMetadata().getNamespace())
        .withName(search.getMetadata().getName())
        .subresource("status")
        .patch(PatchContext.of(PatchType.JSON), StatusPatch.of(status));
  }
}
