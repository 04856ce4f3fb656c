package io.zarts.operator.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import io.zarts.api.v1alpha1.BestResult;
import io.zarts.api.v1alpha1.EvaluationStatus;
import io.zarts.api.v1alpha1.ProgressStatus;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.operator.Examples;
import io.zarts.operator.reconciler.StatusWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What `kubectl get archsearch` shows, read through the Table API of a real API server: the printer
 * columns of the committed CRD over a status the operator wrote.
 */
class PrinterColumnsRealServerIT extends RealServerTest {

  private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io";

  @Test
  void kubectlGetShowsPhaseEpochAndAccuracies() {
    ArchitectureSearch created =
        client.resource(Examples.load("quickstart.yaml", "columns")).create();
    ArchitectureSearchStatus status = new ArchitectureSearchStatus();
    status.setPhase(SearchPhase.EVALUATING);
    ProgressStatus progress = new ProgressStatus();
    progress.setEpoch(2);
    status.setProgress(progress);
    BestResult best = new BestResult();
    best.setValidAccuracy(0.75);
    status.setBest(best);
    EvaluationStatus evaluation = new EvaluationStatus();
    evaluation.setTestAccuracy(0.8125);
    status.setEvaluation(evaluation);
    StatusWriter.patch(client, created, status);

    RawRequests.Answer table =
        RawRequests.get(
            client, "/apis/zarts.io/v1alpha1/namespaces/columns/architecturesearches", TABLE);

    assertThat(table.code()).isEqualTo(200);
    assertThat(table.body().path("kind").asText()).isEqualTo("Table");
    List<String> columns = new ArrayList<>();
    table.body().path("columnDefinitions").forEach(c -> columns.add(c.path("name").asText()));
    assertThat(columns).containsExactly("Name", "Age", "Best", "Test", "Phase", "Epoch");
    JsonNode cells = table.body().path("rows").get(0).path("cells");
    assertThat(cells.get(0).asText()).isEqualTo("quickstart");
    assertThat(cells.get(1).asText()).as("age").isNotEmpty();
    assertThat(cells.get(2).asDouble()).isEqualTo(0.75);
    assertThat(cells.get(3).asDouble()).isEqualTo(0.8125);
    assertThat(cells.get(4).asText()).isEqualTo("Evaluating");
    assertThat(cells.get(5).asInt()).isEqualTo(2);
  }

  @Test
  void aSearchWithoutStatusShowsEmptyColumnsNotAnError() {
    client.resource(Examples.load("quickstart.yaml", "columns-new")).create();
    RawRequests.Answer table =
        RawRequests.get(
            client, "/apis/zarts.io/v1alpha1/namespaces/columns-new/architecturesearches", TABLE);
    JsonNode cells = table.body().path("rows").get(0).path("cells");
    assertThat(cells.get(4).isNull() || cells.get(4).asText().isEmpty())
        .as(cells.toString())
        .isTrue();
  }
}
