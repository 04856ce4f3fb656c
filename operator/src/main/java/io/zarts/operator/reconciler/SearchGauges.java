package io.zarts.operator.reconciler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import io.zarts.api.v1alpha1.EvaluationStatus;
import io.zarts.api.v1alpha1.SearchPhase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Per-search gauges (zarts_search_epoch, _progress_ratio, _best_valid_accuracy, _phase,
 * _trainer_attempts, and for the evaluation stage _evaluation_epoch, _evaluation_progress_ratio and
 * _evaluation_test_accuracy) labelled with namespace and name, zarts_searches{phase}, and
 * zarts_operator_reconcile_errors_total. Rebuilt from the informer cache at every reconcile, so
 * deleted searches drop out without a finalizer.
 */
@ApplicationScoped
public class SearchGauges {

  private final MultiGauge epoch;
  private final MultiGauge progress;
  private final MultiGauge best;
  private final MultiGauge phase;
  private final MultiGauge attempts;
  private final MultiGauge evaluationEpoch;
  private final MultiGauge evaluationProgress;
  private final MultiGauge testAccuracy;
  private final MultiGauge byPhase;
  private final Counter reconcileErrors;

  public SearchGauges(MeterRegistry registry) {
    epoch =
        MultiGauge.builder("zarts.search.epoch")
            .description("Finished epochs of the search")
            .register(registry);
    progress =
        MultiGauge.builder("zarts.search.progress.ratio")
            .description("Finished epochs / epochs")
            .register(registry);
    best =
        MultiGauge.builder("zarts.search.best.valid.accuracy")
            .description("Best validation accuracy, 0-1")
            .register(registry);
    phase =
        MultiGauge.builder("zarts.search.phase")
            .description("1 for the search's current phase")
            .register(registry);
    attempts =
        MultiGauge.builder("zarts.search.trainer.attempts")
            .description("Trainer pods started for the search (1 + restarts)")
            .register(registry);
    evaluationEpoch =
        MultiGauge.builder("zarts.search.evaluation.epoch")
            .description("Finished epochs of the evaluation stage")
            .register(registry);
    evaluationProgress =
        MultiGauge.builder("zarts.search.evaluation.progress.ratio")
            .description("Finished evaluation epochs / evaluation epochs")
            .register(registry);
    testAccuracy =
        MultiGauge.builder("zarts.search.evaluation.test.accuracy")
            .description("Test accuracy of the retrained network after its last epoch, 0-1")
            .register(registry);
    byPhase =
        MultiGauge.builder("zarts.searches").description("Searches per phase").register(registry);
    // Registered at start, so dashboards and alerts see 0 rather than no series (the operator SDK's
    // own
    // reconciliations_failed counter appears only after the first failure).
    reconcileErrors =
        Counter.builder("zarts.operator.reconcile.errors")
            .description("Reconciliations that ended in an exception (retried by the operator SDK)")
            .register(registry);
  }

  public void reconcileFailed() {
    reconcileErrors.increment();
  }

  /**
   * Refreshes every series from the cached searches (the one just reconciled with its new status).
   */
  public synchronized void refresh(
      List<ArchitectureSearch> cached,
      ArchitectureSearch current,
      ArchitectureSearchStatus currentStatus) {
    List<MultiGauge.Row<?>> epochs = new ArrayList<>();
    List<MultiGauge.Row<?>> ratios = new ArrayList<>();
    List<MultiGauge.Row<?>> bests = new ArrayList<>();
    List<MultiGauge.Row<?>> phases = new ArrayList<>();
    List<MultiGauge.Row<?>> attemptRows = new ArrayList<>();
    List<MultiGauge.Row<?>> evaluationEpochs = new ArrayList<>();
    List<MultiGauge.Row<?>> evaluationRatios = new ArrayList<>();
    List<MultiGauge.Row<?>> testAccuracies = new ArrayList<>();
    Map<SearchPhase, Integer> counts = new EnumMap<>(SearchPhase.class);
    for (SearchPhase p : SearchPhase.values()) {
      counts.put(p, 0);
    }
    for (ArchitectureSearch s : cached) {
      boolean same =
          s.getMetadata().getUid() != null
              && s.getMetadata().getUid().equals(current.getMetadata().getUid());
      ArchitectureSearchStatus status = same ? currentStatus : s.getStatus();
      Tags tags =
          Tags.of("namespace", s.getMetadata().getNamespace(), "name", s.getMetadata().getName());
      SearchPhase p =
          status == null || status.getPhase() == null ? SearchPhase.PENDING : status.getPhase();
      counts.merge(p, 1, Integer::sum);
      phases.add(MultiGauge.Row.of(tags.and("phase", p.name().toLowerCase()), 1));
      if (status != null
          && status.getProgress() != null
          && status.getProgress().getEpoch() != null) {
        epochs.add(MultiGauge.Row.of(tags, status.getProgress().getEpoch()));
        int total =
            status.getProgress().getTotalEpochs() == null
                ? 0
                : status.getProgress().getTotalEpochs();
        ratios.add(
            MultiGauge.Row.of(
                tags, total == 0 ? 0 : (double) status.getProgress().getEpoch() / total));
      }
      if (status != null
          && status.getTrainer() != null
          && status.getTrainer().getAttempts() != null) {
        attemptRows.add(MultiGauge.Row.of(tags, status.getTrainer().getAttempts()));
      }
      if (status != null
          && status.getBest() != null
          && status.getBest().getValidAccuracy() != null) {
        bests.add(MultiGauge.Row.of(tags, status.getBest().getValidAccuracy()));
      }
      EvaluationStatus evaluation = status == null ? null : status.getEvaluation();
      if (evaluation != null && evaluation.getEpoch() != null) {
        evaluationEpochs.add(MultiGauge.Row.of(tags, evaluation.getEpoch()));
        int total = evaluation.getEpochs() == null ? 0 : evaluation.getEpochs();
        evaluationRatios.add(
            MultiGauge.Row.of(tags, total == 0 ? 0 : (double) evaluation.getEpoch() / total));
      }
      if (evaluation != null && evaluation.getTestAccuracy() != null) {
        testAccuracies.add(MultiGauge.Row.of(tags, evaluation.getTestAccuracy()));
      }
    }
    epoch.register(epochs, true);
    progress.register(ratios, true);
    best.register(bests, true);
    phase.register(phases, true);
    attempts.register(attemptRows, true);
    evaluationEpoch.register(evaluationEpochs, true);
    evaluationProgress.register(evaluationRatios, true);
    testAccuracy.register(testAccuracies, true);
    List<MultiGauge.Row<?>> perPhase = new ArrayList<>();
    counts.forEach(
        (p, n) -> perPhase.add(MultiGauge.Row.of(Tags.of("phase", p.name().toLowerCase()), n)));
    byPhase.register(perPhase, true);
  }
}
