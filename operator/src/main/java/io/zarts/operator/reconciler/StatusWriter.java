package io.zarts.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
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

  /**
   * Patches the status and caches the server's answer for the next pass. Not through the SDK's
   * event-filtering update: it drops the watch events that arrive while the write is in flight, a
   * spec edit among them when the answer already holds it, and then no pass runs for that edit
   * (seen in LeastPrivilegeIT). The status write's own event starts no pass (SpecOrRetryChanged);
   * an edit the answer already holds is the caller's to notice (the reconciler reschedules).
   */
  static ArchitectureSearch write(
      Context<ArchitectureSearch> context,
      ArchitectureSearch search,
      ArchitectureSearchStatus status) {
    ArchitectureSearch stored = patch(context.getClient(), search, status);
    context
        .eventSourceRetriever()
        .getControllerEventSource()
        .handleRecentResourceUpdate(ResourceID.fromResource(search), stored, search);
    return stored;
  }

  /** Replaces the status of the search; returns the resource as the server stored it. */
  public static ArchitectureSearch patch(
      KubernetesClient client, ArchitectureSearch search, ArchitectureSearchStatus status) {
    // Through the resource itself, not its name: by name the client would first GET it.
    return client
        .resource(search)
        .subresource("status")
        .patch(PatchContext.of(PatchType.JSON), StatusPatch.of(status));
  }
}
