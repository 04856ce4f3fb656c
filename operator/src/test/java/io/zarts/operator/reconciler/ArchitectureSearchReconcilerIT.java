package io.zarts.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import io.zarts.api.RepoFiles;
import io.zarts.api.genotype.Genotype;
import io.zarts.api.progress.TrainerProgress;
import io.zarts.api.progress.TrainerState;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.EvaluationStatus;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.operator.Examples;
import io.zarts.operator.TrainerFakes;
import io.zarts.operator.job.JobState;
import io.zarts.operator.job.OwnedObjects;
import io.zarts.operator.job.TrainerJobFactory;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The operator in the JVM against the Fabric8 mock API server (CRUD mode, no SSA, no Job
 * controller: the test plays the Job controller by writing Job status, and the trainer by writing
 * the progress ConfigMap).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ArchitectureSearchReconcilerIT {

  static final Duration WAIT = Duration.ofSeconds(30);

  @Inject KubernetesClient client;

  ArchitectureSearch create(String name, String namespace) {
    ArchitectureSearch s = Examples.load("quickstart.yaml", namespace);
    s.getMetadata().setName(name);
    return client.resource(s).create();
  }

  ArchitectureSearch get(String name, String namespace) {
    return client.resources(ArchitectureSearch.class).inNamespace(namespace).withName(name).get();
  }

  /** The Events about the search of that name. */
  List<io.fabric8.kubernetes.api.model.Event> events(String name, String namespace) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  /** The Job of that name, or null. */
  Job job(String name, String namespace) {
    return client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
  }

  /**
   * Applies the change, retrying on conflicts with the operator's status writes; returns the stored
   * result.
   */
  ArchitectureSearch modify(String name, String namespace, Consumer<ArchitectureSearch> change) {
    for (int attempt = 0; ; attempt++) {
      ArchitectureSearch s = get(name, namespace);
      change.accept(s);
      try {
        return client.resource(s).update();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt > 20) {
          throw e;
        }
      }
    }
  }

  Condition condition(ArchitectureSearch s, String type) {
    return s.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElseThrow();
  }

  static void assertOwned(HasMetadata owned, ArchitectureSearch owner) {
    assertThat(owned).as("owned object").isNotNull();
    var ref = owned.getMetadata().getOwnerReferences().get(0);
    assertThat(ref.getUid()).isEqualTo(owner.getMetadata().getUid());
    assertThat(ref.getController()).isTrue();
    assertThat(ref.getBlockOwnerDeletion()).isTrue();
  }

  @Test
  void aSearchRunsToSucceededThroughItsJobAndProgressReports() {
    ArchitectureSearch s = create("demo", "team-a");
    await().atMost(WAIT).untilAsserted(() -> assertThat(job("demo-trainer", "team-a")).isNotNull());
    Job job = job("demo-trainer", "team-a");
    assertOwned(job, s);
    assertOwned(client.configMaps().inNamespace("team-a").withName("demo-spec").get(), s);
    assertOwned(client.configMaps().inNamespace("team-a").withName("demo-progress").get(), s);
    assertOwned(client.serviceAccounts().inNamespace("team-a").withName("demo-trainer").get(), s);
    assertOwned(client.rbac().roles().inNamespace("team-a").withName("demo-trainer").get(), s);
    assertOwned(
        client.rbac().roleBindings().inNamespace("team-a").withName("demo-trainer").get(), s);
    var claim =
        client.persistentVolumeClaims().inNamespace("team-a").withName("demo-checkpoints").get();
    // The claim is the operator's finalizer's to delete or keep, never the garbage collector's.
    assertThat(claim.getMetadata().getOwnerReferences()).isNullOrEmpty();
    assertThat(claim.getMetadata().getAnnotations())
        .containsEntry(OwnedObjects.SEARCH_UID, s.getMetadata().getUid());
    assertThat(
            client
                .configMaps()
                .inNamespace("team-a")
                .withName("demo-spec")
                .get()
                .getData()
                .get("search.yaml"))
        .contains("name: \"synthetic\"")
        .contains("name: \"demo\"");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ArchitectureSearch current = get("demo", "team-a");
              assertThat(current.getStatus()).isNotNull();
              assertThat(current.getStatus().getPhase()).isEqualTo(SearchPhase.PENDING);
              assertThat(current.getStatus().getObservedGeneration())
                  .isEqualTo(current.getMetadata().getGeneration());
              assertThat(current.getStatus().getConditions())
                  .extracting(Condition::getType)
                  .containsExactly(
                      "Ready",
                      "Succeeded",
                      "Failed",
                      "Suspended",
                      "CheckpointAvailable",
                      "Reconciling",
                      "Stalled");
            });

    // The Job controller starts the pod; the trainer reports epoch 2.
    setJob("demo-trainer", "team-a", false);
    TrainerProgress p = new TrainerProgress();
    p.setState(TrainerState.RUNNING);
    p.setEpoch(2);
    p.setTotalEpochs(3);
    p.setGenotype(
        Genotype.parse(
            "Genotype(normal=[('skip_connect', 0)], normal_concat=[2], reduce=[],"
                + " reduce_concat=[2])"));
    // It asked for 4 GPUs and sees 2: it says so, and uses the 2.
    p.setDevices(List.of("gpu:0", "gpu:1"));
    p.setDeviceWarnings(
        List.of(
            "spec.resources.gpus asks for 4 GPUs but the trainer sees 2; candidates run on the 2 visible"));
    ConfigMap progress = client.configMaps().inNamespace("team-a").withName("demo-progress").get();
    progress.setData(Map.of(TrainerProgress.FILE_NAME, p.toJson()));
    client.resource(progress).update();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ArchitectureSearch current = get("demo", "team-a");
              assertThat(current.getStatus().getPhase()).isEqualTo(SearchPhase.RUNNING);
              assertThat(current.getStatus().getProgress().getEpoch()).isEqualTo(2);
              assertThat(current.getStatus().getProgress().getPercent()).isEqualTo(66);
              assertThat(current.getStatus().getGenotype().getText()).contains("skip_connect");
              assertThat(current.getStatus().getTrainer().getDevices())
                  .containsExactly("gpu:0", "gpu:1");
            });
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(events("demo", "team-a"))
                    .filteredOn(e -> DeviceWarnings.REASON.equals(e.getReason()))
                    .isNotEmpty()
                    .allSatisfy(
                        e -> {
                          assertThat(e.getType()).isEqualTo("Warning");
                          assertThat(e.getMessage())
                              .contains("trainer uses gpu:0, gpu:1")
                              .contains("asks for 4 GPUs but the trainer sees 2");
                        }));
    // A later report repeats the devices: no second event.
    io.zarts.api.v1alpha1.SearchMetrics later = new io.zarts.api.v1alpha1.SearchMetrics();
    later.setValidAccuracy(0.5);
    p.setMetrics(later);
    progress = client.configMaps().inNamespace("team-a").withName("demo-progress").get();
    progress.setData(Map.of(TrainerProgress.FILE_NAME, p.toJson()));
    client.resource(progress).update();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(get("demo", "team-a").getStatus().getMetrics().getValidAccuracy())
                    .isEqualTo(0.5));
    assertThat(events("demo", "team-a"))
        .filteredOn(e -> DeviceWarnings.REASON.equals(e.getReason()))
        .hasSize(1);

    // The Job completes.
    setJob("demo-trainer", "team-a", true);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ArchitectureSearch current = get("demo", "team-a");
              assertThat(current.getStatus().getPhase()).isEqualTo(SearchPhase.SUCCEEDED);
              assertThat(condition(current, "Succeeded").getStatus()).isEqualTo("True");
              assertThat(current.getStatus().getCompletionTime()).isNotNull();
            });
    assertThat(get("demo", "team-a").getMetadata().getGeneration())
        .as("the operator never writes spec")
        .isEqualTo(1L);

    // Events for kubectl describe.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(events("demo", "team-a"))
                    .extracting(e -> e.getType() + "/" + e.getReason())
                    .contains("Normal/JobCreated", "Normal/Running", "Normal/Completed"));

    // Per-search gauges and the operator SDK's reconcile metrics; health. The completed Job ran
    // all its 3 epochs, though the last report the test wrote said 2.
    String metrics = RestAssured.get("/q/metrics").asString();
    assertThat(metrics)
        .contains("zarts_search_epoch{name=\"demo\",namespace=\"team-a\"} 3.0")
        .contains("zarts_search_phase{name=\"demo\",namespace=\"team-a\",phase=\"succeeded\"} 1.0")
        .contains("reconciliations_success_total");
    assertThat(RestAssured.get("/q/health").statusCode()).isEqualTo(200);

    // Raising training.epochs on a finished search starts a new Job that resumes from the
    // checkpoint.
    modify("demo", "team-a", more -> more.getSpec().getTraining().setEpochs(5));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Job next = job("demo-trainer", "team-a");
              assertThat(next).isNotNull();
              assertThat(next.getMetadata().getAnnotations()).containsEntry("zarts.io/epochs", "5");
            });
    assertThat(
            client
                .configMaps()
                .inNamespace("team-a")
                .withName("demo-spec")
                .get()
                .getData()
                .get("search.yaml"))
        .contains("epochs: 5");
  }

  /**
   * Plays the Job controller and the kubelet: the Job's pod runs, or it ends and the Job completes.
   */
  void setJob(String name, String namespace, boolean complete) {
    Job job = job(name, namespace);
    if (!complete) {
      TrainerFakes.startPod(client, job);
      return;
    }
    endPods(name, namespace, 0);
    job.setStatus(TrainerFakes.complete());
    client.resource(job).updateStatus();
  }

  /** Plays the kubelet: the trainers of the Job's pods exit with that code (143: stopped). */
  void endPods(String jobName, String namespace, int exitCode) {
    client.pods().inNamespace(namespace).withLabel("job-name", jobName).list().getItems().stream()
        .filter(JobState::stillRunning)
        .forEach(pod -> TrainerFakes.endPod(client, pod, exitCode));
  }

  /** Plays the trainer: writes a report under that key of the progress ConfigMap. */
  void report(String search, String namespace, String key, TrainerProgress report) {
    ConfigMap progress =
        client.configMaps().inNamespace(namespace).withName(search + "-progress").get();
    Map<String, String> data =
        progress.getData() == null ? new java.util.HashMap<>() : progress.getData();
    data.put(key, report.toJson());
    progress.setData(data);
    client.resource(progress).update();
  }

  static TrainerProgress evaluationReport(Genotype genotype, int epoch, Double testAccuracy) {
    TrainerProgress p = new TrainerProgress();
    p.setState(testAccuracy == null ? TrainerState.RUNNING : TrainerState.SUCCEEDED);
    p.setGenotype(genotype);
    EvaluationStatus e = new EvaluationStatus();
    e.setEpoch(epoch);
    e.setEpochs(6);
    e.setTrainLoss(1.2);
    e.setTestAccuracy(testAccuracy);
    e.setParameters(37_018L);
    e.setModelPath("/checkpoints/evaluation/model");
    p.setEvaluation(e);
    return p;
  }

  @Test
  void aSearchWithEvaluationRunsItsSecondJobThroughSuspendAndMoreEpochsToSucceeded() {
    ArchitectureSearch s = Examples.load("quickstart-evaluate.yaml", "team-e");
    s.getMetadata().setName("evald");
    client.resource(s).create();
    await().atMost(WAIT).until(() -> job("evald-trainer", "team-e") != null);
    Genotype found =
        Genotype.parse(
            "Genotype(normal=[('skip_connect', 0)], normal_concat=[2], reduce=[],"
                + " reduce_concat=[2])");
    TrainerProgress searched = new TrainerProgress();
    searched.setState(TrainerState.SUCCEEDED);
    searched.setEpoch(3);
    searched.setTotalEpochs(3);
    searched.setGenotype(found);
    report("evald", "team-e", TrainerProgress.FILE_NAME, searched);
    assertThat(job("evald-evaluate", "team-e")).as("no evaluation before the search ends").isNull();

    // The search Job completes: the evaluation Job starts, with the same hardening and claim.
    setJob("evald-trainer", "team-e", true);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(job("evald-evaluate", "team-e")).isNotNull();
              assertThat(get("evald", "team-e").getStatus().getPhase())
                  .isEqualTo(SearchPhase.EVALUATING);
            });
    Job evaluation = job("evald-evaluate", "team-e");
    assertOwned(evaluation, get("evald", "team-e"));
    assertThat(evaluation.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .startsWith("evaluate");
    assertThat(evaluation.getSpec().getTemplate().getSpec().getVolumes())
        .isEqualTo(job("evald-trainer", "team-e").getSpec().getTemplate().getSpec().getVolumes());

    setJob("evald-evaluate", "team-e", false);
    report("evald", "team-e", TrainerProgress.EVALUATION_KEY, evaluationReport(found, 2, 0.5));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ArchitectureSearch current = get("evald", "team-e");
              assertThat(current.getStatus().getEvaluation().getEpoch()).isEqualTo(2);
              assertThat(current.getStatus().getEvaluation().getPhase()).isEqualTo("Running");
              assertThat(condition(current, "Ready").getMessage())
                  .isEqualTo("evaluation epoch 2 of 6");
              assertThat(current.getStatus().getGenotype()).isEqualTo(found);
            });

    // Suspend stops the evaluation Job and keeps the completed search Job; resume restarts it.
    modify("evald", "team-e", x -> x.getSpec().setSuspend(true));
    endPods("evald-evaluate", "team-e", 143);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(job("evald-evaluate", "team-e")).isNull();
              assertThat(get("evald", "team-e").getStatus().getPhase())
                  .isEqualTo(SearchPhase.SUSPENDED);
            });
    assertThat(job("evald-trainer", "team-e")).isNotNull();
    modify("evald", "team-e", x -> x.getSpec().setSuspend(false));
    await().atMost(WAIT).until(() -> job("evald-evaluate", "team-e") != null);

    setJob("evald-evaluate", "team-e", true);
    report("evald", "team-e", TrainerProgress.EVALUATION_KEY, evaluationReport(found, 6, 0.75));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ArchitectureSearch current = get("evald", "team-e");
              assertThat(current.getStatus().getPhase()).isEqualTo(SearchPhase.SUCCEEDED);
              assertThat(current.getStatus().getEvaluation().getTestAccuracy()).isEqualTo(0.75);
              assertThat(current.getStatus().getEvaluation().getModelPath())
                  .isEqualTo("/checkpoints/evaluation/model");
              assertThat(condition(current, "Succeeded").getReason()).isEqualTo("Evaluated");
            });
    assertThat(RestAssured.get("/q/metrics").asString())
        .contains("zarts_search_evaluation_test_accuracy{name=\"evald\",namespace=\"team-e\"} 0.75")
        .contains("zarts_search_evaluation_epoch{name=\"evald\",namespace=\"team-e\"} 6.0");
    assertThat(client.v1().events().inNamespace("team-e").list().getItems())
        .filteredOn(e -> "evald".equals(e.getInvolvedObject().getName()))
        .extracting(e -> e.getReason() + ": " + e.getMessage())
        .contains("JobCreated: created evaluation Job evald-evaluate");

    // More evaluation epochs: a new evaluation Job, which resumes from its checkpoint.
    modify("evald", "team-e", x -> x.getSpec().getEvaluation().setEpochs(8));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Job next = job("evald-evaluate", "team-e");
              assertThat(next).isNotNull();
              assertThat(next.getMetadata().getAnnotations())
                  .containsEntry(TrainerJobFactory.EPOCHS_ANNOTATION, "8");
              assertThat(get("evald", "team-e").getStatus().getPhase())
                  .isEqualTo(SearchPhase.EVALUATING);
            });

    // More search epochs: the search runs again and the evaluation of its old result is void.
    modify("evald", "team-e", x -> x.getSpec().getTraining().setEpochs(4));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(job("evald-evaluate", "team-e")).isNull();
              Job next = job("evald-trainer", "team-e");
              assertThat(next).isNotNull();
              assertThat(next.getMetadata().getAnnotations())
                  .containsEntry(TrainerJobFactory.EPOCHS_ANNOTATION, "4");
              ArchitectureSearch current = get("evald", "team-e");
              assertThat(current.getStatus().getEvaluation().getPhase()).isEqualTo("Pending");
              assertThat(current.getStatus().getEvaluation().getTestAccuracy()).isNull();
            });
  }

  @Test
  void aGivenGenotypeIsEvaluatedWithoutASearchJob() {
    ArchitectureSearch s = Examples.load("evaluate-darts-v2.yaml", "team-f");
    s.getMetadata().setName("given");
    client.resource(s).create();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(job("given-evaluate", "team-f")).isNotNull();
              assertThat(get("given", "team-f").getStatus().getPhase())
                  .isEqualTo(SearchPhase.EVALUATING);
              assertThat(condition(get("given", "team-f"), "Evaluating").getReason())
                  .isEqualTo("GenotypeGiven");
            });
    assertThat(job("given-trainer", "team-f")).isNull();
  }

  /**
   * GitOps: the resource as Git holds it (raw YAML, no defaults filled in by Java types) is never
   * rewritten: the operator reconciles to a Job and status, and spec and generation stay exactly as
   * submitted.
   */
  @Test
  void reconcilingNeverWritesTheSpecSoGitAndTheClusterDoNotDrift() throws Exception {
    var searches =
        client
            .genericKubernetesResources(ArchitectureSearch.API_VERSION, ArchitectureSearch.KIND)
            .inNamespace("gitops");
    GenericKubernetesResource fromGit =
        new KubernetesSerialization()
            .unmarshal(
                Files.readString(RepoFiles.resolve("examples/gitops/searches/quickstart.yaml")),
                GenericKubernetesResource.class);
    fromGit.getMetadata().setNamespace("gitops");
    GenericKubernetesResource created = searches.resource(fromGit).create();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ArchitectureSearch s = get("quickstart", "gitops");
              assertThat(s.getStatus()).isNotNull();
              assertThat(s.getStatus().getObservedGeneration())
                  .isEqualTo(created.getMetadata().getGeneration());
              assertThat(job("quickstart-trainer", "gitops"))
                  .as("the Git example is a valid search")
                  .isNotNull();
            });
    GenericKubernetesResource after = searches.withName("quickstart").get();
    assertThat(after.getMetadata().getGeneration())
        .isEqualTo(created.getMetadata().getGeneration());
    assertThat(after.getAdditionalProperties().get("spec"))
        .as("spec as submitted, no defaults added")
        .isEqualTo(fromGit.getAdditionalProperties().get("spec"));
    assertThat(after.getMetadata().getAnnotations())
        .as("no annotations written either")
        .isNullOrEmpty();
  }

  @Test
  void changingAnImmutableFieldStopsTheSearchWithoutANewJob() {
    create("frozen", "team-d");
    await()
        .atMost(WAIT)
        .until(
            () ->
                get("frozen", "team-d").getStatus() != null
                    && get("frozen", "team-d").getStatus().getObservedSpecHash() != null);
    // The mock server has no CEL transition rules: the operator's backstop must catch this.
    modify("frozen", "team-d", s -> s.getSpec().getSearchSpace().setLayers(4));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ArchitectureSearch current = get("frozen", "team-d");
              assertThat(current.getStatus().getPhase()).isEqualTo(SearchPhase.FAILED);
              assertThat(condition(current, "Failed").getReason())
                  .isEqualTo("ImmutableFieldChanged");
            });
    // The running trainer is stopped (its Job deleted: SIGTERM, checkpoint), and no new one
    // replaces it, not even when a later edit (more epochs) makes the operator reconcile again;
    // its observedGeneration shows that it did.
    await().atMost(WAIT).until(() -> job("frozen-trainer", "team-d") == null);
    ArchitectureSearch edited =
        modify("frozen", "team-d", s -> s.getSpec().getTraining().setEpochs(5));
    await()
        .atMost(WAIT)
        .until(
            () ->
                get("frozen", "team-d")
                    .getStatus()
                    .getObservedGeneration()
                    .equals(edited.getMetadata().getGeneration()));
    assertThat(job("frozen-trainer", "team-d")).isNull();
    assertThat(get("frozen", "team-d").getStatus().getPhase()).isEqualTo(SearchPhase.FAILED);
  }

  @Test
  void anInvalidSpecFailsWithTheFieldNamedAndNoJob() {
    ArchitectureSearch s = Examples.load("quickstart.yaml");
    s.getMetadata().setName("bad");
    s.getMetadata().setNamespace("team-b");
    s.getSpec()
        .getOptimizer()
        .setWarmupEpochs(9); // the mock server has no CEL: the operator must catch it
    client.resource(s).create();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ArchitectureSearch current = get("bad", "team-b");
              assertThat(current.getStatus()).isNotNull();
              assertThat(current.getStatus().getPhase()).isEqualTo(SearchPhase.FAILED);
              Condition failed = condition(current, "Failed");
              assertThat(failed.getReason()).isEqualTo("InvalidSpec");
              assertThat(failed.getMessage()).contains("spec.optimizer.warmupEpochs");
            });
    assertThat(client.batch().v1().jobs().inNamespace("team-b").list().getItems()).isEmpty();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(client.v1().events().inNamespace("team-b").list().getItems())
                    .extracting(e -> e.getType() + "/" + e.getReason())
                    .contains("Warning/InvalidSpec"));
  }

  @Test
  void suspendDeletesTheJobAndResumeRecreatesIt() {
    create("pause", "team-c");
    await().atMost(WAIT).until(() -> job("pause-trainer", "team-c") != null);
    modify("pause", "team-c", s -> s.getSpec().setSuspend(true));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(job("pause-trainer", "team-c")).isNull();
              assertThat(get("pause", "team-c").getStatus().getPhase())
                  .isEqualTo(SearchPhase.SUSPENDED);
            });
    modify("pause", "team-c", s -> s.getSpec().setSuspend(false));
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(job("pause-trainer", "team-c")).isNotNull());
  }

  @Test
  void aJobFailedByItsPodFailurePolicyFailsTheSearchWithTheExitCode() {
    create("broken", "team-e");
    await().atMost(WAIT).until(() -> job("broken-trainer", "team-e") != null);
    client
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("broken-trainer-1")
                .withNamespace("team-e")
                .addToLabels("zarts.io/search", "broken")
                .addToLabels("job-name", "broken-trainer")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("trainer")
                .withImage("x")
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Failed")
                .addNewContainerStatus()
                .withName("trainer")
                .withNewState()
                .withNewTerminated()
                .withExitCode(2)
                .withReason("Error")
                .withMessage("{\"reason\":\"Failed\",\"exitCode\":2}")
                .endTerminated()
                .endState()
                .endContainerStatus()
                .endStatus()
                .build())
        .create();
    Job job = job("broken-trainer", "team-e");
    job.setStatus(
        new JobStatusBuilder()
            .withFailed(1)
            .withConditions(
                new JobConditionBuilder()
                    .withType("Failed")
                    .withStatus("True")
                    .withReason("PodFailurePolicy")
                    .withMessage(
                        "Container trainer for pod team-e/broken-trainer-1 failed with exit code 2")
                    .build())
            .build());
    client.resource(job).updateStatus();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ArchitectureSearch current = get("broken", "team-e");
              assertThat(current.getStatus().getPhase()).isEqualTo(SearchPhase.FAILED);
              assertThat(condition(current, "Failed").getReason()).isEqualTo("PodFailurePolicy");
              assertThat(condition(current, "Failed").getMessage()).contains("exit code 2");
              assertThat(current.getStatus().getTrainer().getLastExitCode()).isEqualTo(2);
            });
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(client.v1().events().inNamespace("team-e").list().getItems())
                    .extracting(e -> e.getType() + "/" + e.getReason())
                    .contains("Warning/PodFailurePolicy"));
  }

  @Test
  void aFinishedSearchStaysFinishedWhenItsJobIsDeletedAndRunsAgainOnlyOnARetry() {
    create("done", "team-g");
    await().atMost(WAIT).until(() -> job("done-trainer", "team-g") != null);
    report("done", "team-g", TrainerProgress.FILE_NAME, TrainerFakes.finalReport(3));
    setJob("done-trainer", "team-g", true);
    await()
        .atMost(WAIT)
        .until(() -> get("done", "team-g").getStatus().getPhase() == SearchPhase.SUCCEEDED);
    String firstJob = job("done-trainer", "team-g").getMetadata().getUid();

    // The Job's TTL (or a person) deletes it; a later edit makes the operator reconcile again.
    client.resource(job("done-trainer", "team-g")).delete();
    ArchitectureSearch edited =
        modify(
            "done",
            "team-g",
            s -> s.getSpec().getResources().getRequests().put("cpu", new Quantity("2")));
    MockServerSteps.awaitObserved(client, edited, WAIT);
    assertThat(job("done-trainer", "team-g")).as("no trainer runs again").isNull();
    assertThat(get("done", "team-g").getStatus().getPhase()).isEqualTo(SearchPhase.SUCCEEDED);

    modify(
        "done",
        "team-g",
        s -> s.getMetadata().setAnnotations(Map.of(ArchitectureSearch.RETRY_ANNOTATION, "1")));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Job again = job("done-trainer", "team-g");
              assertThat(again).isNotNull();
              assertThat(again.getMetadata().getUid()).isNotEqualTo(firstJob);
              assertThat(get("done", "team-g").getStatus().getRetryToken()).isEqualTo("1");
              assertThat(get("done", "team-g").getStatus().getCompletionTime()).isNull();
            });
  }

  /**
   * Failed before: with the search Job gone (its TTL), the stage was read from the status alone,
   * which said the search stage had ended for good, so the evaluation never started.
   */
  @Test
  void evaluationAddedADayAfterTheSearchFinishedStartsAndTheSearchDoesNotRunAgain() {
    create("later", "team-l");
    await().atMost(WAIT).until(() -> job("later-trainer", "team-l") != null);
    report("later", "team-l", TrainerProgress.FILE_NAME, TrainerFakes.finalReport(3));
    setJob("later-trainer", "team-l", true);
    await()
        .atMost(WAIT)
        .until(() -> get("later", "team-l").getStatus().getPhase() == SearchPhase.SUCCEEDED);
    // A day later: the Job's TTL has deleted it, then the user adds spec.evaluation.
    client.resource(job("later-trainer", "team-l")).delete();
    await().atMost(WAIT).until(() -> job("later-trainer", "team-l") == null);
    modify(
        "later",
        "team-l",
        s ->
            s.getSpec()
                .setEvaluation(
                    Examples.load("quickstart-evaluate.yaml").getSpec().getEvaluation()));
    await().atMost(WAIT).until(() -> job("later-evaluate", "team-l") != null);
    assertThat(job("later-trainer", "team-l")).as("the search does not run again").isNull();
    await()
        .atMost(WAIT)
        .until(() -> get("later", "team-l").getStatus().getPhase() == SearchPhase.EVALUATING);
  }

  @Test
  void aResourcesEditRollsTheRunningJobAndARaisedSizeExpandsTheClaim() {
    create("roll", "team-h");
    await().atMost(WAIT).until(() -> job("roll-trainer", "team-h") != null);
    setJob("roll-trainer", "team-h", false);
    Job before = job("roll-trainer", "team-h");
    modify(
        "roll",
        "team-h",
        s -> {
          s.getSpec().getResources().getRequests().put("memory", new Quantity("3Gi"));
          s.getSpec().getCheckpoint().setSize("2Gi");
        });
    endPods("roll-trainer", "team-h", 143);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Job after = job("roll-trainer", "team-h");
              assertThat(after).isNotNull();
              assertThat(after.getMetadata().getUid()).isNotEqualTo(before.getMetadata().getUid());
              assertThat(
                      after
                          .getSpec()
                          .getTemplate()
                          .getSpec()
                          .getContainers()
                          .get(0)
                          .getResources()
                          .getRequests())
                  .containsEntry("memory", new Quantity("3Gi"));
              assertThat(
                      client
                          .persistentVolumeClaims()
                          .inNamespace("team-h")
                          .withName("roll-checkpoints")
                          .get()
                          .getSpec()
                          .getResources()
                          .getRequests())
                  .containsEntry("storage", new Quantity("2Gi"));
            });
  }

  @Test
  void aDeletedSearchLeavesItsChildrenToTheGarbageCollectorAndItsGaugesGo() {
    ArchitectureSearch s = create("gone", "team-f");
    await().atMost(WAIT).until(() -> job("gone-trainer", "team-f") != null);
    client.resource(s).delete();
    await().atMost(WAIT).until(() -> get("gone", "team-f") == null);
    // The mock server has no garbage collector: what deletes the children in a cluster is the owner
    // reference.
    assertOwned(job("gone-trainer", "team-f"), s);
    create("other", "team-f");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(RestAssured.get("/q/metrics").asString())
                    .contains("name=\"other\"")
                    .contains("zarts_searches{phase=\"pending\"}")
                    .doesNotContain("name=\"gone\""));
  }
}
