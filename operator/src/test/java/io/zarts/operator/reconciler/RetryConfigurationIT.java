package io.zarts.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.javaoperatorsdk.operator.processing.retry.GenericRetryExecution;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.zarts.operator.status.Lifecycle;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The retry the running operator uses for a failing pass: unlimited, at most two minutes apart.
 * Before, the SDK's default gave up after 5 attempts in about 26 s, and a refused Job then waited
 * for the 30-minute pass.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class RetryConfigurationIT {

  @Inject Operator operator;

  @Test
  void aFailingPassIsRetriedForeverAtMostTwoMinutesApart() {
    var retry =
        (GenericRetry)
            operator
                .getRegisteredController("architecturesearchreconciler")
                .orElseThrow()
                .getConfiguration()
                .getRetry();
    assertThat(retry.getMaxAttempts()).isEqualTo(-1);
    assertThat(retry.getMaxInterval()).isEqualTo(Lifecycle.MAX_RETRY_INTERVAL_MS);
    GenericRetryExecution execution = retry.initExecution();
    long last = 0;
    for (int attempt = 0; attempt < 100; attempt++) {
      last = execution.nextDelay().orElseThrow();
    }
    assertThat(last).isEqualTo(Lifecycle.MAX_RETRY_INTERVAL_MS);
  }
}
