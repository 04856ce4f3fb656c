package io.zarts.operator.realserver;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A test class against the real API server: one client for the class, and the project's CRD
 * installed before its first test (a class before it may have replaced it).
 */
abstract class RealServerTest {

  static KubernetesClient client;

  @BeforeAll
  static void connect() {
    client = RealApiServer.get().client();
    RealApiServer.install(client, RealApiServer.projectCrd(client));
  }

  @AfterAll
  static void disconnect() {
    if (client != null) {
      RealApiServer.install(client, RealApiServer.projectCrd(client));
      client.close();
      client = null;
    }
  }
}
