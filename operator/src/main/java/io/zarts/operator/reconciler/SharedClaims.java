package io.zarts.operator.reconciler;

import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.operator.job.SearchNames;
import io.zarts.operator.status.Observation;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One checkpoint claim, one search: two trainers writing the same checkpoint folder overwrite each
 * other's alphas and weights, and the trainer's file lock does not hold on every file system (NFS).
 * A search whose claim (spec.checkpoint.existingClaim, or the one the operator creates for it) is
 * the claim of another active search created before it starts no trainer until that one has ended
 * or is deleted; the status says which search holds it.
 */
final class SharedClaims {

  static final String REASON = "ClaimInUse";

  /**
   * The primary cache's index of searches by namespace and claim: a pass looks up the searches of
   * its own claim instead of scanning its namespace (10,000 searches in one namespace made that a
   * pass cost that grew with the namespace).
   */
  static final String INDEX = "checkpoint-claim";

  private static final Comparator<ArchitectureSearch> CREATED_FIRST =
      Comparator.comparing(
              (ArchitectureSearch s) ->
                  Objects.toString(s.getMetadata().getCreationTimestamp(), ""))
          .thenComparing(s -> s.getMetadata().getName());

  private SharedClaims() {}

  /** The search's key in {@link #INDEX}. */
  static String indexKey(ArchitectureSearch search) {
    return search.getMetadata().getNamespace() + "/" + claimOf(search);
  }

  /** The indexer: a search without a checkpoint block yet (a bad spec) is in no entry. */
  static List<String> indexKeys(ArchitectureSearch search) {
    return search.getSpec() == null || search.getSpec().getCheckpoint() == null
        ? List.of()
        : List.of(indexKey(search));
  }

  /** The claim the search's trainers mount. */
  static String claimOf(ArchitectureSearch search) {
    String existing = search.getSpec().getCheckpoint().getExistingClaim();
    return existing != null ? existing : SearchNames.of(search).checkpointClaim();
  }

  /**
   * Why the search may not start a trainer on its claim, given the searches that use it; empty when
   * no other active search uses that claim that was created before it or runs a trainer now (a
   * search that ended and is taken up again, with more epochs or an evaluation, waits for the one
   * that took the claim over meanwhile).
   */
  static Optional<Observation.Refusal> refusal(
      ArchitectureSearch search, Stream<ArchitectureSearch> sameClaim) {
    String claim = claimOf(search);
    return sameClaim
        .filter(other -> !other.getMetadata().getName().equals(search.getMetadata().getName()))
        .filter(SharedClaims::active)
        .filter(other -> claim.equals(claimOf(other)))
        .filter(other -> CREATED_FIRST.compare(other, search) < 0 || running(other))
        .min(CREATED_FIRST)
        .map(
            holder ->
                new Observation.Refusal(
                    REASON,
                    "the checkpoint claim "
                        + claim
                        + " is in use by search "
                        + holder.getMetadata().getName()
                        + "; this search starts when that one has ended or is deleted (or give"
                        + " it another spec.checkpoint.existingClaim)"));
  }

  private static boolean running(ArchitectureSearch search) {
    var status = search.getStatus();
    return status != null
        && (status.getPhase() == SearchPhase.RUNNING
            || status.getPhase() == SearchPhase.EVALUATING);
  }

  /**
   * Whether the search may still run a trainer on its claim: not being deleted, not ended, and not
   * itself waiting for the claim (two waiting searches never hold each other up).
   */
  private static boolean active(ArchitectureSearch search) {
    if (search.getMetadata().getDeletionTimestamp() != null) {
      return false;
    }
    var status = search.getStatus();
    if (status == null) {
      return true;
    }
    if (status.getPhase() == SearchPhase.SUCCEEDED || status.getPhase() == SearchPhase.FAILED) {
      return false;
    }
    return status.getConditions() == null
        || status.getConditions().stream()
            .noneMatch(c -> c.getType().equals("Ready") && REASON.equals(c.getReason()));
  }
}
