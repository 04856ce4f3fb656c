package io.zarts.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.ShutdownEvent;
import org.junit.jupiter.api.Test;

class OperatorLeaderElectionTest {

  @Test
  void aReplicaThatLosesItsLeaseExits() {
    assertThat(new OperatorLeaderElection().isExitOnStopLeading()).isTrue();
  }

  @Test
  void stoppingToLeadDuringShutdownDoesNotExitFromTheShutdown() {
    OperatorLeaderElection election = new OperatorLeaderElection();
    election.onShutdown(new ShutdownEvent());
    assertThat(election.isExitOnStopLeading()).isFalse();
    assertThat(election.getLeaseName()).isEqualTo(OperatorLeaderElection.LEASE_NAME);
  }
}
