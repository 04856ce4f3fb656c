package io.zarts.api.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zarts.api.genotype.Genotype;
import io.zarts.api.v1alpha1.BestResult;
import io.zarts.api.v1alpha1.SearchMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerProgressTest {

  @Test
  void roundTripsEveryField() {
    TrainerProgress p = new TrainerProgress();
    p.setState(TrainerState.RUNNING);
    p.setTimestamp("2026-11-28T10:00:00Z");
    p.setEpoch(3);
    p.setTotalEpochs(50);
    p.setStep(1173L);
    SearchMetrics m = new SearchMetrics();
    m.setValidAccuracy(0.61);
    m.setTrainLoss(1.02);
    p.setMetrics(m);
    BestResult best = new BestResult();
    best.setValidAccuracy(0.61);
    best.setEpoch(3);
    p.setBest(best);
    p.setGenotype(
        Genotype.parse(
            "Genotype(normal=[('skip_connect', 0)], normal_concat=[2], reduce=[],"
                + " reduce_concat=[2])"));

    p.setDevices(List.of("gpu:0", "gpu:1"));
    p.setDeviceWarnings(List.of("spec.resources.gpus asks for 4 GPUs but the trainer sees 2"));

    String json = p.toJson();
    assertThat(json).startsWith("{\"schemaVersion\":1,\"state\":\"Running\"");
    TrainerProgress back = TrainerProgress.fromJson(json);
    assertThat(back.toJson()).isEqualTo(json);
    assertThat(back.getGenotype()).isEqualTo(p.getGenotype());
    assertThat(back.getDevices()).containsExactly("gpu:0", "gpu:1");
    assertThat(back.getDeviceWarnings()).singleElement().asString().contains("sees 2");
  }

  @Test
  void unknownFieldsFromANewerMinorVersionAreIgnored() {
    TrainerProgress p =
        TrainerProgress.fromJson(
            "{\"schemaVersion\":1,\"state\":\"Starting\",\"gpuName\":\"H100\"}");
    assertThat(p.getState()).isEqualTo(TrainerState.STARTING);
  }

  @Test
  void badReportsAreRefusedWithAReason() {
    assertThatThrownBy(() -> TrainerProgress.fromJson("{\"schemaVersion\":2}"))
        .isInstanceOf(ProgressFormatException.class)
        .hasMessageContaining("schemaVersion 2")
        .hasMessageContaining("upgrade the operator");
    assertThatThrownBy(() -> TrainerProgress.fromJson("{\"state\":\"Running\"}"))
        .hasMessageContaining("lacks a positive integer schemaVersion");
    assertThatThrownBy(
            () -> TrainerProgress.fromJson("{\"schemaVersion\":1,\"state\":\"Dancing\"}"))
        .hasMessageContaining("invalid field");
    assertThatThrownBy(() -> TrainerProgress.fromJson("{\"schemaVersion\":1,"))
        .hasMessageContaining("not JSON");
    assertThatThrownBy(() -> TrainerProgress.fromJson("[1]")).hasMessageContaining("JSON object");
  }
}
