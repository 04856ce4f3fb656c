package io.zarts.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import io.zarts.api.v1alpha1.BudgetStatus;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.operator.Examples;
import io.zarts.operator.status.StatusPatch;
import org.junit.jupiter.api.Test;

/**
 * A status an older CRD prunes is written once, not on every pass; it failed before: the stored
 * (pruned) status never equalled the computed one, so every pass wrote it again.
 */
class PrunedStatusTest {

  static ArchitectureSearch search(ArchitectureSearchStatus status) {
    ArchitectureSearch s = Examples.load("quickstart.yaml", "ns");
    s.getMetadata().setUid("uid-1");
    s.setStatus(status);
    return s;
  }

  static ArchitectureSearchStatus computed() {
    var status = new ArchitectureSearchStatus();
    status.setPhase(SearchPhase.PENDING);
    var budget = new BudgetStatus();
    budget.setMaxDuration("6h");
    status.setBudget(budget);
    return status;
  }

  /** What a server without status.budget in its schema keeps of it. */
  static ArchitectureSearchStatus pruned(ArchitectureSearchStatus status) {
    var kept = new ArchitectureSearchStatus();
    kept.setPhase(status.getPhase());
    return kept;
  }

  @Test
  void prunedFieldsNamesWhatTheServerDropped() {
    assertThat(StatusPatch.prunedFields(computed(), pruned(computed())))
        .containsExactly("status.budget");
    assertThat(StatusPatch.prunedFields(computed(), computed())).isEmpty();
  }

  @Test
  void aPrunedStatusIsNotWrittenAgainUntilSomethingChanges() {
    PrunedStatus pruning = new PrunedStatus();
    ArchitectureSearch before = search(null);
    assertThat(pruning.writeNeeded(before, computed())).isTrue();
    ArchitectureSearch stored = search(pruned(computed()));
    assertThat(pruning.written(before, computed(), stored))
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .contains("status.budget")
                    .contains("kubectl apply -f charts/zarts-operator/crds/"));

    // The next pass computes the same status and finds what the server kept of it.
    assertThat(pruning.writeNeeded(stored, computed())).isFalse();
    // A new status is written (and pruned again).
    ArchitectureSearchStatus running = computed();
    running.setPhase(SearchPhase.RUNNING);
    assertThat(pruning.writeNeeded(stored, running)).isTrue();
    // So is the same status over a stored one someone else changed.
    ArchitectureSearchStatus edited = pruned(computed());
    edited.setPhase(SearchPhase.FAILED);
    assertThat(pruning.writeNeeded(search(edited), computed())).isTrue();
  }

  @Test
  void aStatusTheServerKeptWholeLeavesNothingBehind() {
    PrunedStatus pruning = new PrunedStatus();
    ArchitectureSearch before = search(null);
    pruning.written(before, computed(), search(pruned(computed())));
    // The CRD was updated: the next write comes back whole, and nothing is remembered.
    assertThat(pruning.written(before, computed(), search(computed()))).isEmpty();
    assertThat(pruning.writeNeeded(search(pruned(computed())), computed())).isTrue();
  }
}
