package io.zarts.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The immutable part's hash changes with a user's edit and with nothing else. An upgrade from a
 * release that recorded the older form of the hash does not count as an edit (before, every running
 * search would have failed with ImmutableFieldChanged), and the recorded hash moves to the current
 * form.
 */
class SpecHashTest {

  static ArchitectureSearch started(String hash) {
    ArchitectureSearch s = StatusAggregatorTest.search();
    ArchitectureSearchStatus status = new ArchitectureSearchStatus();
    status.setObservedSpecHash(hash);
    s.setStatus(status);
    return s;
  }

  @Test
  void anEditOfAnImmutableFieldChangesIt() {
    ArchitectureSearch s = started(SpecHash.immutablePart(StatusAggregatorTest.search().getSpec()));
    assertThat(SpecHash.changedSinceStart(s, SpecHash.immutablePart(s.getSpec()))).isFalse();
    s.getSpec().getSearchSpace().setLayers(s.getSpec().getSearchSpace().getLayers() + 1);
    assertThat(SpecHash.changedSinceStart(s, SpecHash.immutablePart(s.getSpec()))).isTrue();
  }

  @Test
  void mutableFieldsDoNotCount() {
    ArchitectureSearch s = started(SpecHash.immutablePart(StatusAggregatorTest.search().getSpec()));
    s.getSpec().getTraining().setEpochs(s.getSpec().getTraining().getEpochs() + 10);
    s.getSpec().getResources().setNodeSelector(Map.of("pool", "a100"));
    s.getSpec().getCheckpoint().setKeep(7);
    assertThat(SpecHash.changedSinceStart(s, SpecHash.immutablePart(s.getSpec()))).isFalse();
  }

  @Test
  void theHashAnEarlierReleaseRecordedIsNotAChangeAndIsBroughtToTheCurrentForm() {
    ArchitectureSearch fresh = StatusAggregatorTest.search();
    String legacy = SpecHash.legacyImmutablePart(fresh.getSpec());
    String current = SpecHash.immutablePart(fresh.getSpec());
    assertThat(legacy).isNotEqualTo(current);
    ArchitectureSearch upgraded = started(legacy);
    assertThat(SpecHash.changedSinceStart(upgraded, current)).isFalse();
    assertThat(SpecHash.toRecord(legacy, upgraded.getSpec(), current)).isEqualTo(current);
    assertThat(SpecHash.toRecord(current, upgraded.getSpec(), current)).isEqualTo(current);
  }

  @Test
  void anEditIsStillOneAfterAnUpgrade() {
    ArchitectureSearch s =
        started(SpecHash.legacyImmutablePart(StatusAggregatorTest.search().getSpec()));
    s.getSpec().getSearchSpace().setLayers(s.getSpec().getSearchSpace().getLayers() + 1);
    assertThat(SpecHash.changedSinceStart(s, SpecHash.immutablePart(s.getSpec()))).isTrue();
  }
}
