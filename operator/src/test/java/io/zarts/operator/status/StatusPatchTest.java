package io.zarts.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import io.zarts.api.v1alpha1.ProgressStatus;
import io.zarts.api.v1alpha1.SearchPhase;
import org.junit.jupiter.api.Test;

class StatusPatchTest {

  private static ArchitectureSearchStatus status(SearchPhase phase, Integer epoch) {
    ArchitectureSearchStatus s = new ArchitectureSearchStatus();
    s.setPhase(phase);
    if (epoch != null) {
      ProgressStatus p = new ProgressStatus();
      p.setEpoch(epoch);
      s.setProgress(p);
    }
    return s;
  }

  @Test
  void theWholeStatusIsAddedInOneOperation() {
    assertThat(StatusPatch.of(status(SearchPhase.RUNNING, 3)))
        .isEqualTo(
            "[{\"op\":\"add\",\"path\":\"/status\",\"value\":"
                + "{\"phase\":\"Running\",\"conditions\":[],\"progress\":{\"epoch\":3}}}]");
  }

  @Test
  void sameComparesWhatIsWritten() {
    assertThat(StatusPatch.same(status(SearchPhase.RUNNING, 2), status(SearchPhase.RUNNING, 2)))
        .isTrue();
    assertThat(StatusPatch.same(status(SearchPhase.RUNNING, 2), status(SearchPhase.RUNNING, 3)))
        .isFalse();
    assertThat(StatusPatch.same(null, status(SearchPhase.RUNNING, 2))).isFalse();
  }
}
