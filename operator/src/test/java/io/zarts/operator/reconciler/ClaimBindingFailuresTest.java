package io.zarts.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The volume controller's binding warnings on a search's checkpoint claim. */
class ClaimBindingFailuresTest {

  private static PersistentVolumeClaim claim(String phase) {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName("demo-checkpoints")
        .withNamespace("ns")
        .withUid("claim-uid")
        .endMetadata()
        .withNewStatus()
        .withPhase(phase)
        .endStatus()
        .build();
  }

  private static Event event(String reason, String uid, String when, String message) {
    return new EventBuilder()
        .withNewMetadata()
        .withName("demo-checkpoints." + when)
        .withNamespace("ns")
        .endMetadata()
        .withNewInvolvedObject()
        .withKind("PersistentVolumeClaim")
        .withName("demo-checkpoints")
        .withNamespace("ns")
        .withUid(uid)
        .endInvolvedObject()
        .withType("Warning")
        .withReason(reason)
        .withMessage(message)
        .withLastTimestamp(when)
        .build();
  }

  @Test
  void aBindingWarningMapsToTheSearchByTheClaimsName() {
    assertThat(
            ClaimBindingFailures.searchOf(
                event("FailedBinding", "claim-uid", "2026-12-06T10:00:00Z", "no volumes")))
        .containsExactly(new ResourceID("demo", "ns"));
    assertThat(
            ClaimBindingFailures.searchOf(
                event("ExternalProvisioning", "claim-uid", "2026-12-06T10:00:00Z", "waiting")))
        .isEmpty();
  }

  @Test
  void aPendingClaimShowsItsNewestWarningOfThisClaim() {
    List<Event> events =
        List.of(
            event("FailedBinding", "claim-uid", "2026-12-06T10:00:00Z", "older"),
            event("ProvisioningFailed", "claim-uid", "2026-12-06T10:05:00Z", "class gone"),
            event("FailedBinding", "other-uid", "2026-12-06T10:09:00Z", "an earlier claim's"));
    var refusal = ClaimBindingFailures.of(claim("Pending"), events).orElseThrow();
    assertThat(refusal.reason()).isEqualTo("ClaimPending");
    assertThat(refusal.message())
        .startsWith(
            "the checkpoint claim demo-checkpoints is not bound (ProvisioningFailed: class gone)")
        .contains("spec.checkpoint.storageClassName");
  }

  @Test
  void aBoundClaimOrOneWithoutWarningsIsNoReason() {
    List<Event> events =
        List.of(event("FailedBinding", "claim-uid", "2026-12-06T10:00:00Z", "no volumes"));
    assertThat(ClaimBindingFailures.of(claim("Bound"), events)).isEmpty();
    assertThat(ClaimBindingFailures.of(claim("Pending"), List.of())).isEmpty();
    assertThat(ClaimBindingFailures.of(null, events)).isEmpty();
  }
}
