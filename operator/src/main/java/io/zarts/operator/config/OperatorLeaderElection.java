package io.zarts.operator.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.inject.Singleton;

/**
 * Leader election for more than one replica: the replicas compete for the Lease
 * zarts-operator-leader in the operator's own namespace and only the holder reconciles. The
 * operator SDK activates it in the prod profile; tests and dev mode run a single instance without
 * it.
 */
@Singleton
public class OperatorLeaderElection extends LeaderElectionConfiguration {

  public static final String LEASE_NAME = "zarts-operator-leader";

  public OperatorLeaderElection() {
    super(LEASE_NAME);
  }
}
