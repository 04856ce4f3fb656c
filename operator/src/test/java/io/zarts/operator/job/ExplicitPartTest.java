package io.zarts.operator.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zarts.api.v1alpha1.ArchitectureSearchSpec;
import io.zarts.api.v1alpha1.ResourcesSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A release that adds a defaulted field, reorders fields or leaves a value at its default must not
 * count as an edit of spec.resources: before, the hash of the whole serialized object changed with
 * any of them, and every running trainer was restarted by the upgrade.
 */
class ExplicitPartTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode tree(String json) throws Exception {
    return JSON.readTree(json);
  }

  @Test
  void aFieldAddedWithADefaultByALaterReleaseChangesNothing() throws Exception {
    JsonNode before =
        ExplicitPart.of(
            tree("{\"gpus\":1,\"nodeSelector\":{\"pool\":\"a100\"}}"), tree("{\"gpus\":1}"));
    JsonNode after =
        ExplicitPart.of(
            tree("{\"gpus\":1,\"nodeSelector\":{\"pool\":\"a100\"},\"shmSize\":\"1Gi\"}"),
            tree("{\"gpus\":1,\"shmSize\":\"1Gi\"}"));
    assertThat(after).isEqualTo(before);
    assertThat(after.toString()).isEqualTo("{\"nodeSelector\":{\"pool\":\"a100\"}}");
  }

  @Test
  void fieldOrderNullsAndEmptyValuesChangeNothing() throws Exception {
    assertThat(
            ExplicitPart.of(tree("{\"b\":2,\"a\":1,\"c\":null,\"d\":{},\"e\":[]}"), tree("{}"))
                .toString())
        .isEqualTo(ExplicitPart.of(tree("{\"a\":1,\"b\":2}"), tree("{}")).toString());
  }

  @Test
  void aValueTheUserChangedChangesIt() throws Exception {
    JsonNode defaults = tree("{\"gpus\":1}");
    assertThat(ExplicitPart.of(tree("{\"gpus\":2}"), defaults))
        .isNotEqualTo(ExplicitPart.of(tree("{\"gpus\":1}"), defaults));
  }

  @Test
  void aJobMadeByAnEarlierReleaseIsStillMadeForTheSameResources() {
    ArchitectureSearchSpec spec = new ArchitectureSearchSpec();
    ResourcesSpec resources = new ResourcesSpec();
    resources.setNodeSelector(Map.of("pool", "a100"));
    spec.setResources(resources);
    String legacy = TrainerJobFactory.legacyResourcesHash(spec);
    assertThat(legacy).isNotEqualTo(TrainerJobFactory.resourcesHash(spec));
    assertThat(TrainerJobFactory.madeForResources(legacy, spec)).isTrue();
    assertThat(TrainerJobFactory.madeForResources(TrainerJobFactory.resourcesHash(spec), spec))
        .isTrue();
    ResourcesSpec edited = new ResourcesSpec();
    edited.setNodeSelector(Map.of("pool", "h100"));
    ArchitectureSearchSpec editedSpec = new ArchitectureSearchSpec();
    editedSpec.setResources(edited);
    assertThat(TrainerJobFactory.madeForResources(legacy, editedSpec)).isFalse();
  }
}
