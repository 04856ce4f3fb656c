package io.zarts.operator.reconciler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import io.zarts.api.v1alpha1.EvaluationStatus;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.operator.config.OperatorSettings;
import io.zarts.operator.config.PerSearchSeries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-search gauges (zarts_search_epoch, _progress_ratio, _best_valid_accuracy, _phase,
 * _trainer_attempts, and for the evaluation stage _evaluation_epoch, _evaluation_progress_ratio and
 * _evaluation_test_accuracy) labelled with namespace and name, zarts_searches{phase},
 * zarts_operator_reconciles_total and zarts_operator_reconcile_errors_total. A reconcile updates
 * its own search's series only (O(1)); a series appears when its value is first known and goes when
 * the search is deleted ({@link SearchDeletions}). zarts.operator.metrics.per-search-series picks
 * which per-search gauges are exported ({@link PerSearchSeries}).
 */
@ApplicationScoped
public class SearchGauges {

  private final MeterRegistry registry;
  private final PerSearchSeries exported;
  private static final String PHASE = "zarts.search.phase";

  private final Map<String, Series> byUid = new ConcurrentHashMap<>();

  /**
   * Uids of searches deleted recently: a pass still running when its search is deleted must not
   * bring its series back.
   */
  private final Set<String> deleted =
      Collections.newSetFromMap(
          Collections.synchronizedMap(
              new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                  return size() > 4096;
                }
              }));

  private final Map<SearchPhase, AtomicInteger> perPhase = new EnumMap<>(SearchPhase.class);
  private final Counter reconcileErrors;
  private final Counter reconciles;

  @Inject
  public SearchGauges(MeterRegistry registry, OperatorSettings settings) {
    this(registry, settings.metrics().perSearchSeries());
  }

  SearchGauges(MeterRegistry registry, PerSearchSeries exported) {
    this.registry = registry;
    this.exported = exported;
    // A registry that outlives an application restart (tests restart Quarkus per class) still
    // holds the previous instance's gauges, which would shadow these: they go first.
    registry.getMeters().stream()
        .filter(m -> m.getId().getName().startsWith("zarts.search"))
        .toList()
        .forEach(registry::remove);
    for (SearchPhase p : SearchPhase.values()) {
      AtomicInteger count = new AtomicInteger();
      perPhase.put(p, count);
      Gauge.builder("zarts.searches", count::get)
          .description("Searches per phase")
          .tags("phase", label(p))
          .register(registry);
    }
    // Registered at start, so dashboards and alerts see 0 rather than no series (the operator SDK's
    // own reconciliations_failed counter appears only after the first failure).
    reconcileErrors =
        Counter.builder("zarts.operator.reconcile.errors")
            .description("Reconciliations that ended in an exception (retried by the operator SDK)")
            .register(registry);
    reconciles =
        Counter.builder("zarts.operator.reconciles")
            .description("Reconciliations run (successful or not)")
            .register(registry);
  }

  public void reconciled() {
    reconciles.increment();
  }

  public void reconcileFailed() {
    reconcileErrors.increment();
  }

  /** Sets the search's series from the status just computed. */
  public void update(ArchitectureSearch search, ArchitectureSearchStatus status) {
    String uid = search.getMetadata().getUid();
    if (uid == null
        || search.getMetadata().getDeletionTimestamp() != null
        || deleted.contains(uid)) {
      return;
    }
    Series series =
        byUid.computeIfAbsent(
            uid,
            u ->
                new Series(
                    Tags.of(
                        "namespace",
                        search.getMetadata().getNamespace(),
                        "name",
                        search.getMetadata().getName())));
    series.apply(status);
  }

  /** Drops a deleted search's series and its count. */
  void remove(ArchitectureSearch search) {
    String uid = String.valueOf(search.getMetadata().getUid());
    deleted.add(uid);
    Series series = byUid.remove(uid);
    if (series != null) {
      series.close();
    }
  }

  private static String label(SearchPhase p) {
    return p.name().toLowerCase();
  }

  /** One search's gauges; each holds its last value and exists only once a value is known. */
  private final class Series {

    private final Tags tags;
    private final Map<String, Double> values = new HashMap<>();
    private final Map<String, Gauge> gauges = new HashMap<>();
    private SearchPhase phase;
    private Gauge phaseGauge;
    private boolean closed;

    Series(Tags tags) {
      this.tags = tags;
    }

    synchronized void apply(ArchitectureSearchStatus status) {
      if (closed) {
        return;
      }
      SearchPhase p =
          status == null || status.getPhase() == null ? SearchPhase.PENDING : status.getPhase();
      if (p != phase) {
        if (phase != null) {
          perPhase.get(phase).decrementAndGet();
          if (phaseGauge != null) {
            registry.remove(phaseGauge);
          }
        }
        perPhase.get(p).incrementAndGet();
        phase = p;
        phaseGauge =
            exported.exports(PHASE)
                ? Gauge.builder(PHASE, () -> 1)
                    .description("1 for the search's current phase")
                    .tags(tags.and("phase", label(p)))
                    .register(registry)
                : null;
      }
      var progress = status == null ? null : status.getProgress();
      Integer epoch = progress == null ? null : progress.getEpoch();
      set("zarts.search.epoch", "Finished epochs of the search", toDouble(epoch));
      set(
          "zarts.search.progress.ratio",
          "Finished epochs / epochs",
          epoch == null ? null : ratio(epoch, progress.getTotalEpochs()));
      set(
          "zarts.search.best.valid.accuracy",
          "Best validation accuracy, 0-1",
          status == null || status.getBest() == null ? null : status.getBest().getValidAccuracy());
      set(
          "zarts.search.trainer.attempts",
          "Trainer pods started for the search (1 + restarts)",
          status == null || status.getTrainer() == null
              ? null
              : toDouble(status.getTrainer().getAttempts()));
      EvaluationStatus evaluation = status == null ? null : status.getEvaluation();
      Integer evaluationEpoch = evaluation == null ? null : evaluation.getEpoch();
      set(
          "zarts.search.evaluation.epoch",
          "Finished epochs of the evaluation stage",
          toDouble(evaluationEpoch));
      set(
          "zarts.search.evaluation.progress.ratio",
          "Finished evaluation epochs / evaluation epochs",
          evaluationEpoch == null ? null : ratio(evaluationEpoch, evaluation.getEpochs()));
      set(
          "zarts.search.evaluation.test.accuracy",
          "Test accuracy of the retrained network after its last epoch, 0-1",
          evaluation == null ? null : evaluation.getTestAccuracy());
    }

    /** A value for the gauge, registering it the first time; null removes it. */
    private void set(String name, String description, Double value) {
      if (value == null || !exported.exports(name)) {
        values.remove(name);
        Gauge gone = gauges.remove(name);
        if (gone != null) {
          registry.remove(gone);
        }
        return;
      }
      values.put(name, value);
      gauges.computeIfAbsent(
          name,
          n ->
              Gauge.builder(n, this, s -> s.value(n))
                  .description(description)
                  .tags(tags)
                  .register(registry));
    }

    private synchronized double value(String name) {
      return values.getOrDefault(name, Double.NaN);
    }

    synchronized void close() {
      closed = true;
      gauges.values().forEach(registry::remove);
      gauges.clear();
      if (phase != null) {
        perPhase.get(phase).decrementAndGet();
        if (phaseGauge != null) {
          registry.remove(phaseGauge);
        }
        phase = null;
      }
    }

    private static Double toDouble(Integer i) {
      return i == null ? null : i.doubleValue();
    }

    private static double ratio(int done, Integer total) {
      return total == null || total == 0 ? 0 : (double) done / total;
    }
  }
}
