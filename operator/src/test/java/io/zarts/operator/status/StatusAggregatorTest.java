package io.zarts.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.zarts.api.genotype.Genotype;
import io.zarts.api.progress.TrainerProgress;
import io.zarts.api.progress.TrainerState;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchSpec;
import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import io.zarts.api.v1alpha1.DatasetName;
import io.zarts.api.v1alpha1.DatasetSpec;
import io.zarts.api.v1alpha1.SearchMetrics;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.api.validation.Violation;
import io.zarts.operator.TrainerFakes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The status aggregator as a table: (resource, Job, pods, report) in, conditions and phase out. */
class StatusAggregatorTest {

  static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  static ArchitectureSearch search() {
    ArchitectureSearch s = new ArchitectureSearch();
    s.setMetadata(
        new ObjectMetaBuilder().withName("s").withNamespace("ns").withGeneration(4L).build());
    ArchitectureSearchSpec spec = new ArchitectureSearchSpec();
    DatasetSpec dataset = new DatasetSpec();
    dataset.setName(DatasetName.DIGITS);
    spec.setDataset(dataset);
    s.setSpec(spec);
    return s;
  }

  static Job job(String condition, int active) {
    JobBuilder b =
        new JobBuilder()
            .withNewMetadata()
            .withName("s-trainer")
            .withCreationTimestamp("2026-11-28T09:00:00Z")
            .endMetadata()
            .withNewSpec()
            .withSuspend(false)
            .endSpec()
            .withNewStatus()
            .withActive(active)
            .endStatus();
    if (condition != null) {
      b.editStatus()
          .addNewCondition()
          .withType(condition)
          .withStatus("True")
          .withReason(condition.equals("Failed") ? "PodFailurePolicy" : null)
          .withMessage(
              condition.equals("Failed")
                  ? "Container trainer for pod ns/s-trainer-x failed with exit code 2"
                  : null)
          .endCondition()
          .endStatus();
    }
    return b.build();
  }

  /** The running trainer pod of job(null, 1). */
  static List<Pod> running() {
    return List.of(TrainerFakes.runningPod(job(null, 1)));
  }

  static ArchitectureSearchStatus compute(
      ArchitectureSearch s,
      List<Violation> violations,
      Job job,
      List<Pod> pods,
      TrainerProgress progress,
      Instant now) {
    return StatusAggregator.compute(
        Observations.searchOnly(s, violations, job, pods, progress, now));
  }

  static Condition get(ArchitectureSearchStatus status, String type) {
    return status.getConditions().stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void everyConditionIsSetOnTheFirstVisitWithObservedGeneration() {
    ArchitectureSearchStatus status = compute(search(), List.of(), null, List.of(), null, T0);
    assertThat(status.getConditions())
        .extracting(Condition::getType)
        .containsExactly(
            "Ready",
            "Succeeded",
            "Failed",
            "Suspended",
            "CheckpointAvailable",
            "Reconciling",
            "Stalled");
    assertThat(status.getConditions())
        .allSatisfy(
            c -> {
              assertThat(c.getObservedGeneration()).isEqualTo(4L);
              assertThat(c.getReason()).matches("^[A-Z][A-Za-z0-9]*$");
            });
    assertThat(status.getObservedGeneration()).isEqualTo(4L);
    assertThat(get(status, "Succeeded").getStatus()).isEqualTo("Unknown");
    assertThat(status.getPhase()).isEqualTo(SearchPhase.PENDING);
  }

  @Test
  void kstatusReconcilingWhileWorkIsLeftAndStalledWhenOnlyTheUserCanHelp() {
    ArchitectureSearch s = search();
    ArchitectureSearchStatus creating = compute(s, List.of(), null, List.of(), null, T0);
    assertThat(get(creating, "Reconciling").getStatus()).isEqualTo("True");
    assertThat(get(creating, "Reconciling").getReason()).isEqualTo("Creating");
    assertThat(get(creating, "Stalled").getStatus()).isEqualTo("False");

    ArchitectureSearchStatus running = compute(s, List.of(), job(null, 1), running(), null, T0);
    assertThat(get(running, "Reconciling").getReason()).isEqualTo("Running");

    ArchitectureSearchStatus failed = compute(s, List.of(), job("Failed", 0), List.of(), null, T0);
    assertThat(get(failed, "Reconciling").getStatus()).isEqualTo("False");
    assertThat(get(failed, "Stalled").getStatus()).isEqualTo("True");
    assertThat(get(failed, "Stalled").getReason()).isEqualTo("PodFailurePolicy");

    ArchitectureSearchStatus invalid =
        compute(
            s,
            List.of(new Violation("spec.training.epochs", "must be at least 1")),
            null,
            List.of(),
            null,
            T0);
    assertThat(get(invalid, "Stalled").getReason()).isEqualTo("InvalidSpec");
    assertThat(get(invalid, "Stalled").getMessage()).contains("spec.training.epochs");

    ArchitectureSearchStatus unreadable =
        compute(s, List.of(), job("Complete", 0), List.of(), null, T0);
    assertThat(get(unreadable, "Stalled").getReason()).isEqualTo("ResultUnreadable");

    s.getSpec().setSuspend(true);
    ArchitectureSearchStatus suspended = compute(s, List.of(), null, List.of(), null, T0);
    assertThat(get(suspended, "Reconciling").getStatus()).isEqualTo("False");
    assertThat(get(suspended, "Stalled").getStatus()).isEqualTo("False");
  }

  @Test
  void theTrainersReportedDevicesAreKeptUntilAReportNamesOthers() {
    ArchitectureSearch s = search();
    TrainerProgress report = new TrainerProgress();
    report.setState(TrainerState.RUNNING);
    report.setEpoch(1);
    report.setDevices(List.of("gpu:0", "gpu:1"));
    s.setStatus(compute(s, List.of(), job(null, 1), List.of(), report, T0));
    assertThat(s.getStatus().getTrainer().getDevices()).containsExactly("gpu:0", "gpu:1");
    // a later pass without a report (a replacement pod not yet reporting) keeps them
    ArchitectureSearchStatus later = compute(s, List.of(), job(null, 1), running(), null, T0);
    assertThat(later.getTrainer().getDevices()).containsExactly("gpu:0", "gpu:1");
    report.setDevices(List.of("gpu:0"));
    assertThat(compute(s, List.of(), job(null, 1), List.of(), report, T0).getTrainer().getDevices())
        .containsExactly("gpu:0");
  }

  @Test
  void lastTransitionTimeMovesOnlyOnAFlip() {
    ArchitectureSearch s = search();
    s.setStatus(compute(s, List.of(), job(null, 1), running(), null, T0));
    assertThat(get(s.getStatus(), "Ready").getStatus()).isEqualTo("True");
    ArchitectureSearchStatus again =
        compute(s, List.of(), job(null, 1), running(), null, T0.plusSeconds(60));
    assertThat(get(again, "Ready").getLastTransitionTime()).isEqualTo(T0.toString());
    s.setStatus(again);
    TrainerProgress result = new TrainerProgress();
    result.setState(TrainerState.SUCCEEDED);
    result.setEpoch(50);
    result.setGenotype(
        Genotype.parse(
            "Genotype(normal=[], normal_concat=[2], reduce=[]," + " reduce_concat=[2])"));
    ArchitectureSearchStatus done =
        compute(s, List.of(), job("Complete", 0), List.of(), result, T0.plusSeconds(120));
    assertThat(get(done, "Succeeded").getLastTransitionTime())
        .isEqualTo(T0.plusSeconds(120).toString());
    assertThat(get(done, "Ready").getLastTransitionTime()).isEqualTo(T0.toString());
    assertThat(done.getPhase()).isEqualTo(SearchPhase.SUCCEEDED);
  }

  @Test
  void invalidSpecFailsAndNamesTheField() {
    ArchitectureSearchStatus status =
        compute(
            search(),
            List.of(new Violation("spec.training.epochs", "must be at least 1, got 0")),
            null,
            List.of(),
            null,
            T0);
    assertThat(status.getPhase()).isEqualTo(SearchPhase.FAILED);
    assertThat(get(status, "Failed").getReason()).isEqualTo("InvalidSpec");
    assertThat(get(status, "Failed").getMessage())
        .contains("spec.training.epochs: must be at least 1");
  }

  @Test
  void aFailedJobCarriesItsReasonAndTheExitCode() {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("s-trainer-x")
            .endMetadata()
            .withNewStatus()
            .addNewContainerStatus()
            .withName("trainer")
            .withNewState()
            .withNewTerminated()
            .withExitCode(2)
            .withMessage("{\"reason\":\"Failed\",\"exitCode\":2}")
            .endTerminated()
            .endState()
            .endContainerStatus()
            .endStatus()
            .build();
    ArchitectureSearchStatus status =
        compute(search(), List.of(), job("Failed", 0), List.of(pod), null, T0);
    assertThat(status.getPhase()).isEqualTo(SearchPhase.FAILED);
    assertThat(get(status, "Failed").getReason()).isEqualTo("PodFailurePolicy");
    assertThat(get(status, "Failed").getMessage()).contains("exit code 2");
    assertThat(status.getTrainer().getLastExitCode()).isEqualTo(2);
    assertThat(status.getCompletionTime()).isEqualTo(T0.toString());
  }

  @Test
  void stuckPodsAreExplained() {
    Pod pull =
        new PodBuilder()
            .withNewStatus()
            .addNewContainerStatus()
            .withName("trainer")
            .withNewState()
            .withNewWaiting()
            .withReason("ImagePullBackOff")
            .withMessage("Back-off pulling image")
            .endWaiting()
            .endState()
            .endContainerStatus()
            .endStatus()
            .build();
    ArchitectureSearchStatus status =
        compute(search(), List.of(), job(null, 1), List.of(pull), null, T0);
    assertThat(get(status, "Ready").getReason()).isEqualTo("ImagePullBackOff");
    assertThat(get(status, "Ready").getMessage()).contains("Back-off pulling image");
    Pod unschedulable =
        new PodBuilder()
            .withNewStatus()
            .addNewCondition()
            .withType("PodScheduled")
            .withStatus("False")
            .withReason("Unschedulable")
            .withMessage("0/3 nodes are available: 3 Insufficient" + " nvidia.com/gpu.")
            .endCondition()
            .endStatus()
            .build();
    status = compute(search(), List.of(), job(null, 1), List.of(unschedulable), null, T0);
    assertThat(get(status, "Ready").getReason()).isEqualTo("Unschedulable");
    assertThat(get(status, "Ready").getMessage()).contains("no node has a free GPU");
    assertThat(status.getPhase()).isEqualTo(SearchPhase.PENDING);
  }

  @Test
  void queuedSuspendedAndProgressAreReported() {
    ArchitectureSearch s = search();
    Job queued = job(null, 0);
    queued.getSpec().setSuspend(true);
    s.getSpec().getResources().setQueueName("research");
    assertThat(get(compute(s, List.of(), queued, List.of(), null, T0), "Ready").getReason())
        .isEqualTo("Queued");

    s.getSpec().setSuspend(true);
    ArchitectureSearchStatus suspended = compute(s, List.of(), null, List.of(), null, T0);
    assertThat(suspended.getPhase()).isEqualTo(SearchPhase.SUSPENDED);
    assertThat(get(suspended, "Suspended").getStatus()).isEqualTo("True");

    TrainerProgress p = new TrainerProgress();
    p.setState(TrainerState.RUNNING);
    p.setEpoch(10);
    p.setTotalEpochs(50);
    SearchMetrics m = new SearchMetrics();
    m.setSecondsPerEpoch(60.0);
    m.setValidAccuracy(0.5);
    p.setMetrics(m);
    ArchitectureSearchStatus running = compute(search(), List.of(), job(null, 1), running(), p, T0);
    assertThat(running.getProgress().getPercent()).isEqualTo(20);
    assertThat(running.getProgress().getEtaSeconds()).isEqualTo(40 * 60L);
    assertThat(running.getMetrics().getValidAccuracy()).isEqualTo(0.5);
    assertThat(get(running, "Ready").getMessage()).isEqualTo("epoch 10 of 50");
  }

  @Test
  void messagesAreBoundedWhateverTheInput() {
    Random random = new Random(1);
    for (int i = 0; i < 100; i++) {
      StringBuilder text = new StringBuilder();
      for (int k = random.nextInt(5000); k > 0; k--) {
        text.append((char) (32 + random.nextInt(90)));
      }
      ArchitectureSearchStatus status =
          compute(
              search(),
              List.of(new Violation("spec.x", text.toString())),
              null,
              List.of(),
              null,
              T0);
      assertThat(status.getConditions())
          .allSatisfy(c -> assertThat(c.getMessage().length()).isLessThanOrEqualTo(1024));
    }
  }

  static Pod terminated(String message) {
    return new PodBuilder()
        .withNewStatus()
        .addNewContainerStatus()
        .withName("trainer")
        .withNewState()
        .withNewTerminated()
        .withExitCode(0)
        .withMessage(message)
        .endTerminated()
        .endState()
        .endContainerStatus()
        .endStatus()
        .build();
  }

  @Test
  void withoutAProgressReportTheResultComesFromTheTerminationMessageOrIsUnreadable() {
    String genotype =
        "Genotype(normal=[('skip_connect', 0)], normal_concat=range(2, 3), reduce=[],"
            + " reduce_concat=range(2, 3))";
    String valid =
        "{\"schemaVersion\":1,\"reason\":\"Succeeded\",\"exitCode\":0,\"epoch\":50,"
            + "\"bestValidAccuracy\":0.91,\"genotype\":\""
            + genotype
            + "\"}";
    ArchitectureSearchStatus ok =
        compute(search(), List.of(), job("Complete", 0), List.of(terminated(valid)), null, T0);
    assertThat(ok.getPhase()).isEqualTo(SearchPhase.SUCCEEDED);
    assertThat(ok.getGenotype().getText()).isEqualTo(genotype);
    assertThat(ok.getBest().getValidAccuracy()).isEqualTo(0.91);
    for (String odd :
        new String[] {
          valid.substring(0, 60),
          "",
          "epoch 3/50 train loss 0.1\nepoch 4/50 ...",
          new String(new byte[] {(byte) 0xff, 0x00, 0x1b, 0x7f}, StandardCharsets.ISO_8859_1)
        }) {
      ArchitectureSearchStatus status =
          compute(search(), List.of(), job("Complete", 0), List.of(terminated(odd)), null, T0);
      assertThat(get(status, "Succeeded").getStatus()).isEqualTo("False");
      assertThat(get(status, "Succeeded").getReason()).isEqualTo("ResultUnreadable");
      assertThat(status.getGenotype()).isNull();
    }
  }
}
