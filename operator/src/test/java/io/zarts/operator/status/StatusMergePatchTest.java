package io.zarts.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import io.zarts.api.v1alpha1.ProgressStatus;
import io.zarts.api.v1alpha1.SearchPhase;
import org.junit.jupiter.api.Test;

class StatusMergePatchTest {

  private static ArchitectureSearchStatus status(SearchPhase phase, Integer epoch, Long eta) {
    ArchitectureSearchStatus s = new ArchitectureSearchStatus();
    s.setPhase(phase);
    if (epoch != null) {
      ProgressStatus p = new ProgressStatus();
      p.setEpoch(epoch);
      p.setEtaSeconds(eta);
      s.setProgress(p);
    }
    return s;
  }

  @Test
  void aFirstStatusIsSentWhole() {
    assertThat(StatusMergePatch.of(null, status(SearchPhase.PENDING, null, null)))
        .isEqualTo("{\"status\":{\"phase\":\"Pending\",\"conditions\":[]}}");
  }

  @Test
  void fieldsThatAreGoneAreNulledNestedOnesToo() {
    String patch =
        StatusMergePatch.of(
            status(SearchPhase.RUNNING, 2, 60L), status(SearchPhase.RUNNING, 3, null));
    assertThat(patch)
        .isEqualTo(
            "{\"status\":{\"phase\":\"Running\",\"conditions\":[],"
                + "\"progress\":{\"epoch\":3,\"etaSeconds\":null}}}");
    assertThat(
            StatusMergePatch.of(
                status(SearchPhase.RUNNING, 2, 60L), status(SearchPhase.PENDING, null, null)))
        .isEqualTo("{\"status\":{\"phase\":\"Pending\",\"conditions\":[],\"progress\":null}}");
  }

  @Test
  void sameComparesWhatIsWritten() {
    assertThat(
            StatusMergePatch.same(
                status(SearchPhase.RUNNING, 2, 60L), status(SearchPhase.RUNNING, 2, 60L)))
        .isTrue();
    assertThat(StatusMergePatch.same(null, status(SearchPhase.RUNNING, 2, 60L))).isFalse();
  }
}
