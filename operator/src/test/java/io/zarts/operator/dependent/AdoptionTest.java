package io.zarts.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A create that finds the object already there adopts it and puts its labels back. */
@EnableKubernetesMockClient(crud = true)
class AdoptionTest {

  KubernetesClient client;

  static ConfigMap map(Map<String, String> labels, String value) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("s-spec")
        .withNamespace("ns")
        .withLabels(labels)
        .endMetadata()
        .withData(Map.of("search.yaml", value))
        .build();
  }

  @Test
  void anObjectThatLostItsLabelIsAdoptedAndRelabelled() {
    client.resource(map(Map.of(), "edited")).create();
    ConfigMap desired = map(Map.of("zarts.io/search", "s"), "desired");
    ConfigMap adopted =
        Adoption.createOrAdopt(
            client,
            desired,
            () -> client.resource(desired).create(),
            stored -> client.resource(stored).edit(c -> Adoption.putLabels(desired, c)));
    assertThat(adopted.getMetadata().getLabels()).containsEntry("zarts.io/search", "s");
    assertThat(
            client
                .configMaps()
                .inNamespace("ns")
                .withName("s-spec")
                .get()
                .getMetadata()
                .getLabels())
        .containsEntry("zarts.io/search", "s");
    assertThat(Adoption.labelsKept(desired, adopted)).isTrue();
  }

  @Test
  void otherErrorsAreNotSwallowed() {
    ConfigMap desired = map(Map.of("zarts.io/search", "s"), "desired");
    assertThatThrownBy(
            () ->
                Adoption.createOrAdopt(
                    client,
                    desired,
                    () -> {
                      throw new KubernetesClientException("forbidden", 403, null);
                    },
                    stored -> stored))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("forbidden");
  }
}
