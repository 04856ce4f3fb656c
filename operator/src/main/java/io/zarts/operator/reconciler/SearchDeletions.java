package io.zarts.operator.reconciler;

import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An event source that produces no events: the operator SDK tells it of every deleted
 * ArchitectureSearch, and it passes the search on (the gauges drop its series). The claim was dealt
 * with by the reconciler's cleanup before the finalizer came off; the garbage collector removes the
 * other owned objects.
 */
final class SearchDeletions extends AbstractEventSource<Void, ArchitectureSearch>
    implements ResourceEventAware<ArchitectureSearch> {

  private final Consumer<ArchitectureSearch> onDeleted;

  SearchDeletions(Consumer<ArchitectureSearch> onDeleted) {
    super(Void.class, "deletions");
    this.onDeleted = onDeleted;
  }

  @Override
  public void onResourceDeleted(ArchitectureSearch resource) {
    onDeleted.accept(resource);
  }

  @Override
  public Set<Void> getSecondaryResources(ArchitectureSearch primary) {
    return Set.of();
  }
}
