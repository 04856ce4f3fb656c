package io.zarts.operator;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * A test's own Kubernetes client, told apart from the operator's by its User-Agent in the mock
 * server's request log.
 */
public final class TestClients {

  private TestClients() {}

  public static KubernetesClient withUserAgent(KubernetesClient operatorClient, String agent) {
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder(operatorClient.getConfiguration()).withUserAgent(agent).build())
        .build();
  }
}
