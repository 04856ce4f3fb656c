package io.zarts.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
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
  void productionAsksForWarningsAboutClaimsAndCachesOnlyThoseOfSearchClaims() {
    var config = ClaimBindingFailures.configuration(true);
    assertThat(config.getInformerConfig().getFieldSelector().getFields())
        .containsExactlyInAnyOrder(
            new FieldSelector.Field("involvedObject.kind", "PersistentVolumeClaim"),
            new FieldSelector.Field("type", "Warning"));
    assertThat(ClaimBindingFailures.configuration(false).getInformerConfig().getFieldSelector())
        .isNull();
    @SuppressWarnings("unchecked")
    var store = (ItemStore<Event>) config.getInformerConfig().getItemStore();
    Event ours = event("FailedBinding", "claim-uid", "2026-12-06T10:00:00Z", "no volumes");
    Event database = event("FailedBinding", "db-uid", "2026-12-06T10:00:00Z", "no volumes");
    database.getInvolvedObject().setName("postgres-data");
    database.getMetadata().setName("postgres-data.1");
    store.put(store.getKey(ours), ours);
    store.put(store.getKey(database), database);
    assertThat(store.values()).containsExactly(ours);
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
