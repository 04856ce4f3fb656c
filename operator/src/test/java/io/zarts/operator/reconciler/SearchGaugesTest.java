package io.zarts.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import io.zarts.api.v1alpha1.BestResult;
import io.zarts.api.v1alpha1.EvaluationStatus;
import io.zarts.api.v1alpha1.ProgressStatus;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.api.v1alpha1.TrainerStatus;
import io.zarts.operator.config.PerSearchSeries;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SearchGaugesTest {

  @Test
  void allExportsEightSeriesForASearchWithEveryValueKnown() {
    assertThat(perSearchSeries(PerSearchSeries.ALL))
        .containsExactlyInAnyOrder(
            "zarts.search.phase",
            "zarts.search.epoch",
            "zarts.search.progress.ratio",
            "zarts.search.best.valid.accuracy",
            "zarts.search.trainer.attempts",
            "zarts.search.evaluation.epoch",
            "zarts.search.evaluation.progress.ratio",
            "zarts.search.evaluation.test.accuracy");
  }

  @Test
  void alertsKeepsOnlyWhatTheChartsAlertsRead() {
    assertThat(perSearchSeries(PerSearchSeries.ALERTS))
        .containsExactlyInAnyOrder("zarts.search.phase", "zarts.search.trainer.attempts");
  }

  @Test
  void noneStillCountsSearchesPerPhase() {
    var registry = new SimpleMeterRegistry();
    var gauges = new SearchGauges(registry, PerSearchSeries.NONE);
    gauges.update(search("a", "uid-a"), status());
    gauges.update(search("b", "uid-b"), status());
    assertThat(names(registry)).noneMatch(n -> n.startsWith("zarts.search."));
    assertThat(registry.get("zarts.searches").tag("phase", "running").gauge().value()).isEqualTo(2);
    gauges.remove(search("a", "uid-a"));
    assertThat(registry.get("zarts.searches").tag("phase", "running").gauge().value()).isEqualTo(1);
  }

  @Test
  void aDeletedSearchLeavesNoSeries() {
    var registry = new SimpleMeterRegistry();
    var gauges = new SearchGauges(registry, PerSearchSeries.ALL);
    gauges.update(search("a", "uid-a"), status());
    gauges.remove(search("a", "uid-a"));
    gauges.update(search("a", "uid-a"), status()); // a pass that was still running
    assertThat(names(registry)).noneMatch(n -> n.startsWith("zarts.search."));
  }

  private static Set<String> perSearchSeries(PerSearchSeries exported) {
    var registry = new SimpleMeterRegistry();
    new SearchGauges(registry, exported).update(search("a", "uid-a"), status());
    return names(registry).stream()
        .filter(n -> n.startsWith("zarts.search."))
        .collect(Collectors.toSet());
  }

  private static Set<String> names(SimpleMeterRegistry registry) {
    return registry.getMeters().stream()
        .map(Meter::getId)
        .map(Meter.Id::getName)
        .collect(Collectors.toSet());
  }

  private static ArchitectureSearch search(String name, String uid) {
    var search = new ArchitectureSearch();
    search.setMetadata(
        new ObjectMetaBuilder().withName(name).withNamespace("ns").withUid(uid).build());
    return search;
  }

  private static ArchitectureSearchStatus status() {
    var status = new ArchitectureSearchStatus();
    status.setPhase(SearchPhase.RUNNING);
    var progress = new ProgressStatus();
    progress.setEpoch(2);
    progress.setTotalEpochs(4);
    status.setProgress(progress);
    var best = new BestResult();
    best.setValidAccuracy(0.5);
    status.setBest(best);
    var trainer = new TrainerStatus();
    trainer.setAttempts(1);
    status.setTrainer(trainer);
    var evaluation = new EvaluationStatus();
    evaluation.setEpoch(1);
    evaluation.setEpochs(3);
    evaluation.setTestAccuracy(0.4);
    status.setEvaluation(evaluation);
    return status;
  }
}
