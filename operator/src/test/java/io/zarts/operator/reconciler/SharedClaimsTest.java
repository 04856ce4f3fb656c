package io.zarts.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import io.zarts.api.v1alpha1.CheckpointSpec;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.operator.Examples;
import io.zarts.operator.status.Observation;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Which of two searches on one checkpoint claim may start its trainer. */
class SharedClaimsTest {

  static ArchitectureSearch search(String name, String created, String existingClaim) {
    ArchitectureSearch s = Examples.load("quickstart.yaml", "ns");
    s.getMetadata().setName(name);
    s.getMetadata().setCreationTimestamp(created);
    if (existingClaim != null) {
      CheckpointSpec checkpoint = s.getSpec().getCheckpoint();
      checkpoint.setSize(null);
      checkpoint.setExistingClaim(existingClaim);
    }
    return s;
  }

  static ArchitectureSearch withPhase(ArchitectureSearch s, SearchPhase phase, String readyReason) {
    var status = new ArchitectureSearchStatus();
    status.setPhase(phase);
    if (readyReason != null) {
      status
          .getConditions()
          .add(
              new ConditionBuilder()
                  .withType("Ready")
                  .withStatus("False")
                  .withReason(readyReason)
                  .build());
    }
    s.setStatus(status);
    return s;
  }

  static Optional<Observation.Refusal> refusal(ArchitectureSearch s, ArchitectureSearch... all) {
    return SharedClaims.refusal(s, Stream.of(all));
  }

  @Test
  void theSearchCreatedLaterWaitsAndIsToldWhichSearchHoldsTheClaim() {
    var first = search("first", "2026-12-01T10:00:00Z", "shared");
    var second = search("second", "2026-12-01T10:00:05Z", "shared");
    assertThat(refusal(first, first, second)).isEmpty();
    var refused = refusal(second, first, second).orElseThrow();
    assertThat(refused.reason()).isEqualTo("ClaimInUse");
    assertThat(refused.message()).contains("claim shared").contains("search first");
  }

  @Test
  void aSearchOnTheClaimTheOperatorMadeForAnotherWaitsForIt() {
    var owner = search("owner", "2026-12-01T10:00:00Z", null);
    var reuser = search("reuser", "2026-12-01T10:00:05Z", "owner-checkpoints");
    assertThat(refusal(reuser, owner, reuser)).isPresent();
  }

  @Test
  void anEndedOrDeletedSearchNoLongerHoldsTheClaim() {
    var second = search("second", "2026-12-01T10:00:05Z", "shared");
    var succeeded =
        withPhase(search("first", "2026-12-01T10:00:00Z", "shared"), SearchPhase.SUCCEEDED, null);
    assertThat(refusal(second, succeeded, second)).isEmpty();
    var failed =
        withPhase(search("first", "2026-12-01T10:00:00Z", "shared"), SearchPhase.FAILED, null);
    assertThat(refusal(second, failed, second)).isEmpty();
    var deleting = search("first", "2026-12-01T10:00:00Z", "shared");
    deleting.getMetadata().setDeletionTimestamp("2026-12-01T11:00:00Z");
    assertThat(refusal(second, deleting, second)).isEmpty();
  }

  @Test
  void aSuspendedSearchKeepsItsClaim() {
    var first =
        withPhase(search("first", "2026-12-01T10:00:00Z", "shared"), SearchPhase.SUSPENDED, null);
    var second = search("second", "2026-12-01T10:00:05Z", "shared");
    assertThat(refusal(second, first, second)).isPresent();
  }

  @Test
  void anEndedSearchTakenUpAgainWaitsForTheOneRunningOnTheClaimNow() {
    var first = search("first", "2026-12-01T10:00:00Z", "shared");
    var running =
        withPhase(search("second", "2026-12-01T10:00:05Z", "shared"), SearchPhase.RUNNING, null);
    assertThat(refusal(first, first, running)).isPresent();
    // The one running is not held up by the earlier one that waits for it.
    var waiting = withPhase(first, SearchPhase.PENDING, "ClaimInUse");
    assertThat(refusal(running, waiting, running)).isEmpty();
  }

  @Test
  void searchesOnDifferentClaimsDoNotWaitForEachOther() {
    var a = search("a", "2026-12-01T10:00:00Z", "one");
    var b = search("b", "2026-12-01T10:00:05Z", "two");
    var c = search("c", "2026-12-01T10:00:06Z", null);
    assertThat(refusal(b, a, b, c)).isEmpty();
    assertThat(refusal(c, a, b, c)).isEmpty();
  }
}
