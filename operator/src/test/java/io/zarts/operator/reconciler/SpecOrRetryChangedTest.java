package io.zarts.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import io.zarts.operator.Examples;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecOrRetryChangedTest {

  final SpecOrRetryChanged filter = new SpecOrRetryChanged();

  static ArchitectureSearch search() {
    ArchitectureSearch s = Examples.load("quickstart.yaml", "ns");
    s.getMetadata().setGeneration(2L);
    return s;
  }

  @Test
  void aStatusWriteIsIgnoredAndASpecEditOrANewRetryTokenIsNot() {
    ArchitectureSearch old = search();
    ArchitectureSearch statusOnly = Serialization.clone(old);
    statusOnly.setStatus(new ArchitectureSearchStatus());
    assertThat(filter.accept(statusOnly, old)).isFalse();

    ArchitectureSearch edited = Serialization.clone(old);
    edited.getMetadata().setGeneration(3L);
    assertThat(filter.accept(edited, old)).isTrue();

    ArchitectureSearch retried = Serialization.clone(old);
    retried.getMetadata().setAnnotations(Map.of(ArchitectureSearch.RETRY_ANNOTATION, "x"));
    assertThat(filter.accept(retried, old)).isTrue();
    ArchitectureSearch otherAnnotation = Serialization.clone(old);
    otherAnnotation.getMetadata().setAnnotations(Map.of("team", "a"));
    assertThat(filter.accept(otherAnnotation, old)).isFalse();

    ArchitectureSearch deleting = Serialization.clone(old);
    deleting.getMetadata().setDeletionTimestamp("2026-11-30T00:00:00Z");
    assertThat(filter.accept(deleting, old)).isTrue();
  }
}
