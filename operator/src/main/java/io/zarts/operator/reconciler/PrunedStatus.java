package io.zarts.operator.reconciler;

import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import io.zarts.operator.status.StatusPatch;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Status fields an older CRD does not know: the API server drops them from every write (a chart
 * upgrade does not replace CRDs), so the stored status never equals the computed one and every pass
 * would write it again. Once a write comes back pruned, that computed status is not written again
 * while the server still holds what it kept of it; the operator log says so once per set of fields,
 * and each search gets one event, both naming the command that updates the CRD.
 */
final class PrunedStatus {

  static final String REASON = "StatusFieldsPruned";

  private static final Logger LOG = Logger.getLogger(PrunedStatus.class);

  /** A computed status and what the server kept of it. */
  private record Pruned(ArchitectureSearchStatus computed, ArchitectureSearchStatus kept) {}

  private final Map<String, Pruned> byUid = new ConcurrentHashMap<>();
  private final Set<List<String>> logged = ConcurrentHashMap.newKeySet();

  /** Whether the computed status has to be written over the search's stored one. */
  boolean writeNeeded(ArchitectureSearch search, ArchitectureSearchStatus computed) {
    if (StatusPatch.same(computed, search.getStatus())) {
      return false;
    }
    Pruned last = byUid.get(search.getMetadata().getUid());
    return last == null
        || !StatusPatch.same(last.computed(), computed)
        || !StatusPatch.same(last.kept(), search.getStatus());
  }

  /**
   * After a write: remembers what the server dropped of it, logs it once, and returns the message
   * for the search's event (empty when nothing was dropped).
   */
  Optional<String> written(
      ArchitectureSearch search, ArchitectureSearchStatus computed, ArchitectureSearch stored) {
    String uid = search.getMetadata().getUid();
    List<String> pruned = StatusPatch.prunedFields(computed, stored.getStatus());
    if (pruned.isEmpty()) {
      byUid.remove(uid);
      return Optional.empty();
    }
    byUid.put(uid, new Pruned(computed, stored.getStatus()));
    String message =
        "the API server dropped the status fields "
            + String.join(", ", pruned)
            + ": its ArchitectureSearch CRD is older than the operator (Helm does not upgrade"
            + " CRDs); update it with kubectl apply -f charts/zarts-operator/crds/";
    if (logged.add(pruned)) {
      LOG.warn(message);
    }
    return Optional.of(message);
  }

  void forget(ArchitectureSearch search) {
    byUid.remove(search.getMetadata().getUid());
  }
}
