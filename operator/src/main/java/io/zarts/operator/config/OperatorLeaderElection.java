package io.zarts.operator.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

/**
 * Leader election for more than one replica: the replicas compete for the Lease
 * zarts-operator-leader in the operator's own namespace and only the holder reconciles. The
 * operator SDK activates it in the prod profile; tests and dev mode run a single instance without
 * it.
 *
 * <p>A replica that loses its Lease exits, so that its pod restarts as a follower. But the SDK also
 * "stops leading" while the application shuts down, and exiting from inside the JVM's shutdown
 * hangs until the kubelet kills the pod (exit 137 after the grace period, seen with the image): so
 * once shutdown has begun, stopping to lead is not a reason to exit.
 */
@Singleton
public class OperatorLeaderElection extends LeaderElectionConfiguration {

  public static final String LEASE_NAME = "zarts-operator-leader";

  private volatile boolean shuttingDown;

  public OperatorLeaderElection() {
    super(LEASE_NAME);
  }

  /** Before the operator SDK's own shutdown observer stops the operator and its elector. */
  void onShutdown(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
    shuttingDown = true;
  }

  @Override
  public boolean isExitOnStopLeading() {
    return !shuttingDown && super.isExitOnStopLeading();
  }
}
