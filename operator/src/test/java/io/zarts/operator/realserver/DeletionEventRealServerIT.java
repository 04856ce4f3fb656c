package io.zarts.operator.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.operator.Examples;
import io.zarts.operator.reconciler.SpecOrRetryChanged;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The update a real API server sends when a search with a finalizer is deleted: it sets the
 * deletion timestamp and bumps the generation, so the operator's update filter lets it through on
 * the generation alone (the pass that runs the cleanup). The filter's own deletion clause serves
 * the Fabric8 mock, which does not bump it.
 */
class DeletionEventRealServerIT extends RealServerTest {

  @Test
  void deletingASearchWithAFinalizerBumpsItsGenerationAndPassesTheUpdateFilter() {
    ArchitectureSearch search = Examples.load("quickstart.yaml", "deletion");
    search.getMetadata().setFinalizers(List.of("zarts.io/test-hold"));
    ArchitectureSearch before = client.resource(search).create();
    client.resource(before).delete();
    ArchitectureSearch after = client.resource(before).get();
    try {
      assertThat(after.getMetadata().getDeletionTimestamp()).isNotNull();
      assertThat(after.getMetadata().getGeneration())
          .isEqualTo(before.getMetadata().getGeneration() + 1);
      assertThat(new SpecOrRetryChanged().accept(after, before)).isTrue();
    } finally {
      client
          .resource(after)
          .edit(
              s -> {
                s.getMetadata().setFinalizers(List.of());
                return s;
              });
    }
  }
}
