package io.zarts.operator.reconciler;

import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import java.util.Map;
import java.util.Objects;

/**
 * Which updates of an ArchitectureSearch start a reconcile: a new generation (a spec edit), a new
 * zarts.io/retry annotation (annotations do not bump the generation), or the start of its deletion.
 * The operator's own status writes are not among them.
 */
public class SpecOrRetryChanged implements OnUpdateFilter<ArchitectureSearch> {

  @Override
  public boolean accept(ArchitectureSearch updated, ArchitectureSearch old) {
    Long before = old.getMetadata().getGeneration();
    Long after = updated.getMetadata().getGeneration();
    boolean newGeneration = before == null || after == null || before < after;
    // A real API server also bumps the generation when it starts the deletion of an object with
    // finalizers (DeletionEventRealServerIT); the Fabric8 mock does not, and without this clause
    // no test of deletion there runs the cleanup. Kept: it costs nothing on a real server.
    boolean deleting =
        updated.getMetadata().getDeletionTimestamp() != null
            && old.getMetadata().getDeletionTimestamp() == null;
    return newGeneration || deleting || !Objects.equals(retry(updated), retry(old));
  }

  private static String retry(ArchitectureSearch search) {
    Map<String, String> annotations = search.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(ArchitectureSearch.RETRY_ANNOTATION);
  }
}
