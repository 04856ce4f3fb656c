package io.zarts.operator.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.zarts.api.v1alpha1.ArchitectureSearchSpec;
import io.zarts.api.v1alpha1.ResourcesSpec;
import io.zarts.api.v1alpha1.TrainingSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A release that adds a defaulted field, reorders fields or leaves a value at its default must not
 * count as an edit: before, the hash of the whole serialized object changed with any of them, and
 * an upgrade restarted every running trainer (resources) or failed every running search
 * (ImmutableFieldChanged).
 */
class ExplicitPartTest {

  /** A spec class as one release has it. */
  public static class Release1 {
    public Integer gpus = 1;
    public Map<String, String> nodeSelector;
    public Nested nested = new Nested();
  }

  /** The same class one release later: a field with a default added, the order changed. */
  public static class Release2 {
    public String shmSize = "1Gi";
    public Nested nested = new Nested();
    public Map<String, String> nodeSelector;
    public Integer gpus = 1;
  }

  public static class Nested {
    public Double rate = 0.5;
    public Integer added = 3;
  }

  @Test
  void aFieldAddedWithADefaultByALaterReleaseChangesNothing() {
    Release1 before = new Release1();
    before.nodeSelector = Map.of("pool", "a100");
    Release2 after = new Release2();
    after.nodeSelector = Map.of("pool", "a100");
    assertThat(ExplicitPart.json(after)).isEqualTo(ExplicitPart.json(before));
    // What the hashes were of before: the whole serialized object, which the release changes.
    var whole = new KubernetesSerialization();
    assertThat(whole.asJson(after)).isNotEqualTo(whole.asJson(before));
    assertThat(ExplicitPart.json(before)).isEqualTo("{\"nodeSelector\":{\"pool\":\"a100\"}}");
  }

  @Test
  void aValueAtItsDefaultIsTheSameAsNoValueAndAnEditCounts() {
    Release1 defaults = new Release1();
    Release1 explicit = new Release1();
    explicit.gpus = 1;
    explicit.nested.rate = 0.5;
    assertThat(ExplicitPart.json(explicit)).isEqualTo(ExplicitPart.json(defaults)).isEqualTo("{}");
    Release1 edited = new Release1();
    edited.nested.rate = 0.25;
    assertThat(ExplicitPart.json(edited)).isEqualTo("{\"nested\":{\"rate\":0.25}}");
  }

  @Test
  void listElementsLoseTheirDefaultsToo() {
    Release1 a = new Release1();
    Release1 b = new Release1();
    b.nested.rate = 0.25;
    assertThat(ExplicitPart.json(List.of(a, b))).isEqualTo("[{},{\"nested\":{\"rate\":0.25}}]");
  }

  @Test
  void theCrdClassesOwnInclusionRulesDoNotKeepDefaults() {
    assertThat(ExplicitPart.json(new ResourcesSpec())).isEqualTo("{}");
    assertThat(ExplicitPart.json(new TrainingSpec())).isEqualTo("{}");
    ResourcesSpec gpus = new ResourcesSpec();
    gpus.setGpus(2);
    assertThat(ExplicitPart.json(gpus)).isEqualTo("{\"gpus\":2}");
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
