package io.zarts.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A create that finds the object already there adopts it and puts its labels back, if it is the
 * search's; anyone else's is left as it is.
 */
@EnableKubernetesMockClient(crud = true)
class AdoptionTest {

  KubernetesClient client;

  static final ArchitectureSearch SEARCH = search("uid-1");

  static ArchitectureSearch search(String uid) {
    ArchitectureSearch s = new ArchitectureSearch();
    s.setMetadata(new ObjectMetaBuilder().withName("s").withNamespace("ns").withUid(uid).build());
    return s;
  }

  static ConfigMap map(Map<String, String> labels, String value) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("s-spec")
        .withNamespace("ns")
        .withLabels(labels)
        .addNewOwnerReference()
        .withApiVersion(ArchitectureSearch.API_VERSION)
        .withKind(ArchitectureSearch.KIND)
        .withName("s")
        .withUid("uid-1")
        .endOwnerReference()
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
            SEARCH,
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
                    SEARCH,
                    desired,
                    () -> {
                      throw new KubernetesClientException("forbidden", 403, null);
                    },
                    stored -> stored))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("forbidden");
  }

  @Test
  void anObjectOfAnotherSearchOfTheSameNameIsNotWrittenTo() {
    ConfigMap stored = client.resource(map(Map.of(), "theirs")).create();
    ConfigMap desired = map(Map.of("zarts.io/search", "s"), "desired");
    assertThatThrownBy(
            () ->
                Adoption.createOrAdopt(
                    client,
                    search("uid-2"),
                    desired,
                    () -> client.resource(desired).create(),
                    found -> client.resource(found).edit(c -> Adoption.putLabels(desired, c))))
        .isInstanceOf(OwnedObjectConflictException.class)
        .hasMessageStartingWith("ConfigMap s-spec exists and does not belong to this")
        .hasMessageContaining("uid-2");
    assertThat(client.configMaps().inNamespace("ns").withName("s-spec").get()).isEqualTo(stored);
  }
}
