package io.zarts.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MaxDurationTest {

  @Test
  void readsGoDurations() {
    assertThat(MaxDuration.parse("6h")).isEqualTo(Duration.ofHours(6));
    assertThat(MaxDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(MaxDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(MaxDuration.parse("2m5s250ms")).isEqualTo(Duration.ofMillis(125_250));
    assertThat(MaxDuration.parse(null)).isNull();
  }

  @Test
  void malformedTextNamesTheFieldAndTheForm() {
    assertThatThrownBy(() -> MaxDuration.parse("6 hours"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "training.maxDuration \"6 hours\" is not a duration: write it like 6h, 90m, 1h30m or"
                + " 45s");
  }

  @Test
  void raisedComparesDurationsNotTexts() {
    assertThat(MaxDuration.raised("2h", "90m")).isTrue();
    assertThat(MaxDuration.raised("90m", "1h30m")).isFalse();
    assertThat(MaxDuration.raised("1h", "2h")).isFalse();
    assertThat(MaxDuration.raised(null, "2h")).as("no limit any more").isTrue();
    assertThat(MaxDuration.raised("3h", null)).isFalse();
    assertThat(MaxDuration.raised("junk", "1h")).isFalse();
  }

  @Test
  void describesSeconds() {
    assertThat(MaxDuration.describe(21_603.7)).isEqualTo("6h0m3s");
    assertThat(MaxDuration.describe(125)).isEqualTo("2m5s");
    assertThat(MaxDuration.describe(0.4)).isEqualTo("0s");
  }
}
