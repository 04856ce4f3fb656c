package io.zarts.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunOptionsTest {

  @Test
  void thePodsCpuRequestLowersTheCpusTheJvmSeesButNeverRaisesThem() {
    assertThat(RunOptions.cpus(16, "2")).isEqualTo(2);
    assertThat(RunOptions.cpus(4, "8")).isEqualTo(4);
    assertThat(RunOptions.cpus(4, null)).isEqualTo(4);
    assertThat(RunOptions.cpus(4, "")).isEqualTo(4);
    assertThat(RunOptions.cpus(4, "0")).isEqualTo(4);
    assertThat(RunOptions.cpus(4, "two")).isEqualTo(4);
  }
}
