package io.zarts.operator.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.zarts.api.RepoFiles;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.operator.Examples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The trainer Job as docs/architecture.md §2.1 describes it, for every example resource. */
class TrainerJobFactoryTest {

  static final TrainerJobFactory FACTORY =
      new TrainerJobFactory(TrainerDefaults.standard("registry.example/zarts-trainer:0.1.0-cpu"));

  static ArchitectureSearch example(String file) {
    ArchitectureSearch s = Examples.load(file);
    s.setMetadata(
        new ObjectMetaBuilder(s.getMetadata())
            .withNamespace("team-a")
            .withUid("uid-1")
            .withGeneration(3L)
            .build());
    return s;
  }

  static Stream<String> examples() throws IOException {
    try (Stream<Path> files = Files.list(RepoFiles.resolve("examples"))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .sorted()
          .toList()
          .stream();
    }
  }

  static Container trainer(Job job) {
    return job.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  @Test
  void theEvaluationJobDiffersFromTheSearchJobOnlyInNameStageArgumentsAndEpochs() {
    ArchitectureSearch search = example("cifar10-mgs.yaml");
    Job searchJob = FACTORY.desired(search, TrainerStage.SEARCH);
    Job evaluation = FACTORY.desired(search, TrainerStage.EVALUATION);
    assertThat(evaluation.getMetadata().getName()).isEqualTo("cifar10-mgs-evaluate");
    assertThat(evaluation.getMetadata().getLabels())
        .containsEntry("zarts.io/stage", "evaluation")
        .containsEntry("zarts.io/search", "cifar10-mgs");
    assertThat(searchJob.getMetadata().getLabels()).containsEntry("zarts.io/stage", "search");
    assertThat(evaluation.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("zarts.io/stage", "evaluation");
    assertThat(evaluation.getMetadata().getAnnotations())
        .containsEntry(TrainerJobFactory.EPOCHS_ANNOTATION, "600");
    assertThat(searchJob.getMetadata().getAnnotations())
        .containsEntry(TrainerJobFactory.EPOCHS_ANNOTATION, "50");
    assertThat(trainer(evaluation).getArgs())
        .containsExactly(
            "evaluate",
            "/etc/zarts/search.yaml",
            "--output-dir",
            "/checkpoints",
            "--data",
            "/data");

    // Everything else (hardening, claim, resources, failure policy, owner) is the search Job's.
    Job comparable = FACTORY.desired(search, TrainerStage.EVALUATION);
    comparable.getMetadata().setName(searchJob.getMetadata().getName());
    comparable.getMetadata().setLabels(searchJob.getMetadata().getLabels());
    comparable.getMetadata().setAnnotations(searchJob.getMetadata().getAnnotations());
    comparable.getSpec().getTemplate().getMetadata().setLabels(searchJob.getMetadata().getLabels());
    trainer(comparable).setArgs(trainer(searchJob).getArgs());
    assertThat(comparable).isEqualTo(searchJob);
  }

  @Test
  void theCifar10JobIsWhatTheDesignSays() {
    Job job = FACTORY.desired(example("cifar10-mgs.yaml"));
    assertThat(job.getMetadata().getName()).isEqualTo("cifar10-mgs-trainer");
    assertThat(job.getMetadata().getNamespace()).isEqualTo("team-a");
    assertThat(job.getMetadata().getLabels())
        .containsEntry("zarts.io/search", "cifar10-mgs")
        .containsEntry("app.kubernetes.io/managed-by", "zarts-operator");
    assertThat(job.getMetadata().getAnnotations()).doesNotContainKey("zarts.io/generation");
    var owner = job.getMetadata().getOwnerReferences().get(0);
    assertThat(owner.getKind()).isEqualTo("ArchitectureSearch");
    assertThat(owner.getApiVersion()).isEqualTo("zarts.io/v1alpha1");
    assertThat(owner.getUid()).isEqualTo("uid-1");
    assertThat(owner.getController()).isTrue();
    assertThat(owner.getBlockOwnerDeletion()).isTrue();

    var spec = job.getSpec();
    assertThat(spec.getBackoffLimit()).isEqualTo(6);
    assertThat(spec.getSuspend()).isFalse();
    assertThat(spec.getPodReplacementPolicy()).isEqualTo("Failed");
    assertThat(spec.getTtlSecondsAfterFinished())
        .as("a day: the status and the progress ConfigMap keep the result after it is gone")
        .isEqualTo(86400);
    assertThat(job.getMetadata().getAnnotations())
        .containsEntry(TrainerJobFactory.CHECKPOINT_SIZE_ANNOTATION, "10Gi")
        .containsKey(TrainerJobFactory.RESOURCES_ANNOTATION);
    var rules = spec.getPodFailurePolicy().getRules();
    assertThat(rules.get(0).getAction()).isEqualTo("Ignore");
    assertThat(rules.get(0).getOnPodConditions().get(0).getType()).isEqualTo("DisruptionTarget");
    assertThat(rules.get(1).getAction()).isEqualTo("FailJob");
    assertThat(rules.get(1).getOnExitCodes().getValues()).containsExactly(2, 3, 5);
    assertThat(rules.get(1).getOnExitCodes().getContainerName()).isEqualTo("trainer");

    PodSpec pod = spec.getTemplate().getSpec();
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getServiceAccountName()).isEqualTo("cifar10-mgs-trainer");
    assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(300L);
    Container c = trainer(job);
    assertThat(c.getImage()).isEqualTo("registry.example/zarts-trainer:0.1.0-cpu");
    assertThat(c.getArgs())
        .containsExactly(
            "search",
            "/etc/zarts/search.yaml",
            "--output-dir",
            "/checkpoints",
            "--data",
            "/data",
            "--skip-evaluation");
    assertThat(c.getPorts().get(0).getName()).isEqualTo("metrics");
    assertThat(c.getPorts().get(0).getContainerPort()).isEqualTo(9400);
    assertThat(c.getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
    assertThat(c.getResources().getRequests())
        .containsEntry("nvidia.com/gpu", new Quantity("1"))
        .containsEntry("cpu", new Quantity("4"))
        .containsEntry("memory", new Quantity("16Gi"));
    assertThat(c.getResources().getLimits())
        .containsEntry("nvidia.com/gpu", new Quantity("1"))
        .containsEntry("memory", new Quantity("16Gi"));
    assertThat(c.getEnv())
        .extracting(EnvVar::getName)
        .contains("ZARTS_PROGRESS_CONFIGMAP", "ZARTS_NAMESPACE", "ZARTS_METRICS_PORT")
        // the image's engine, never a copy in the pod
        .doesNotContain("DJL_CACHE_DIR", "ENGINE_CACHE_DIR");
    assertThat(c.getEnv().get(0).getValue()).isEqualTo("cifar10-mgs-progress");
    assertThat(c.getVolumeMounts())
        .extracting(VolumeMount::getMountPath)
        .containsExactly("/etc/zarts", "/checkpoints", "/data", "/tmp");
    assertThat(c.getVolumeMounts()).allSatisfy(m -> assertThat(m.getSubPath()).isNull());
    assertThat(pod.getVolumes())
        .anySatisfy(
            v -> {
              assertThat(v.getName()).isEqualTo("data");
              assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("cifar10-data");
              assertThat(v.getPersistentVolumeClaim().getReadOnly()).isTrue();
            });
    assertThat(pod.getVolumes())
        .anySatisfy(
            v -> {
              assertThat(v.getName()).isEqualTo("checkpoints");
              assertThat(v.getPersistentVolumeClaim().getClaimName())
                  .isEqualTo("cifar10-mgs-checkpoints");
            });
  }

  @Test
  void aQueuedSearchIsCreatedSuspendedForKueueWithItsPlacement() {
    Job job = FACTORY.desired(example("digits-queued.yaml"));
    assertThat(job.getSpec().getSuspend()).isTrue();
    assertThat(job.getMetadata().getLabels())
        .containsEntry("kueue.x-k8s.io/queue-name", "research");
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getPriorityClassName()).isEqualTo("batch-low");
    assertThat(pod.getNodeSelector())
        .containsEntry("nvidia.com/gpu.product", "NVIDIA-H100-80GB-HBM3");
    assertThat(pod.getTolerations().get(0).getOperator()).isEqualTo("Exists");
    assertThat(pod.getTolerations().get(0).getEffect()).isEqualTo("NoSchedule");
    assertThat(pod.getVolumes()).noneMatch(v -> v.getName().equals("data"));
    assertThat(trainer(job).getResources().getLimits())
        .containsEntry("memory", new Quantity("8Gi"));
  }

  @Test
  void anExistingClaimHoldsTheCheckpointsAndCpuSearchesRequestNoGpu() {
    ArchitectureSearch s = example("quickstart.yaml");
    s.getSpec().getCheckpoint().setSize(null);
    s.getSpec().getCheckpoint().setExistingClaim("shared-checkpoints");
    Job job = FACTORY.desired(s);
    assertThat(job.getSpec().getTemplate().getSpec().getVolumes())
        .anySatisfy(
            v ->
                assertThat(
                        v.getPersistentVolumeClaim() == null
                            ? null
                            : v.getPersistentVolumeClaim().getClaimName())
                    .isEqualTo("shared-checkpoints"));
    assertThat(trainer(job).getResources().getRequests()).doesNotContainKey("nvidia.com/gpu");
  }

  @Test
  void cpuCandidateWorkersAreRequestedAndTheRequestIsPassedToTheTrainer() {
    ArchitectureSearch s = example("quickstart.yaml");
    s.getSpec().getResources().setRequests(null);
    s.getSpec().getTrainer().setThreads(2);
    s.getSpec().getTrainer().setCandidateWorkers(3);
    Container c = trainer(FACTORY.desired(s));
    assertThat(c.getResources().getRequests()).containsEntry("cpu", new Quantity("6"));
    assertThat(c.getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("ZARTS_CPUS");
              assertThat(e.getValueFrom().getResourceFieldRef().getResource())
                  .isEqualTo("requests.cpu");
              assertThat(e.getValueFrom().getResourceFieldRef().getContainerName())
                  .isEqualTo(TrainerJobFactory.CONTAINER);
            });
    // The resource's own request wins; fewer worker CPUs than the default keep the default.
    s.getSpec().getResources().setRequests(Map.of("cpu", new Quantity("4")));
    assertThat(trainer(FACTORY.desired(s)).getResources().getRequests())
        .containsEntry("cpu", new Quantity("4"));
    s.getSpec().getResources().setRequests(null);
    s.getSpec().getTrainer().setCandidateWorkers(1);
    s.getSpec().getTrainer().setThreads(1);
    assertThat(trainer(FACTORY.desired(s)).getResources().getRequests())
        .containsEntry("cpu", new Quantity("2"));
    // Never above a CPU limit, which the API server would refuse.
    s.getSpec().getTrainer().setCandidateWorkers(4);
    s.getSpec().getTrainer().setThreads(2);
    s.getSpec().getResources().setLimits(Map.of("cpu", new Quantity("3")));
    Container limited = trainer(FACTORY.desired(s));
    assertThat(limited.getResources().getRequests()).containsEntry("cpu", new Quantity("3"));
    assertThat(limited.getResources().getLimits()).containsEntry("cpu", new Quantity("3"));
    s.getSpec().getResources().setLimits(null);
    // GPU searches size nothing by CPU workers.
    ArchitectureSearch gpu = example("digits-queued.yaml");
    gpu.getSpec().getTrainer().setCandidateWorkers(8);
    gpu.getSpec().getTrainer().setThreads(4);
    assertThat(trainer(FACTORY.desired(gpu)).getResources().getRequests().get("cpu"))
        .isNotEqualTo(new Quantity("32"));
  }

  @Test
  void gpuTrainersGetTheOperatorsGpuPlacementAndCpuTrainersDoNot() {
    TrainerJobFactory withGpuRules =
        new TrainerJobFactory(
            TrainerDefaults.standard("img")
                .withGpuScheduling(
                    Map.of("nvidia.com/gpu.present", "true", "nvidia.com/gpu.product", "any"),
                    List.of(
                        new TolerationBuilder()
                            .withKey("nvidia.com/gpu")
                            .withOperator("Exists")
                            .withEffect("NoSchedule")
                            .build())));
    PodSpec gpu =
        withGpuRules.desired(example("digits-queued.yaml")).getSpec().getTemplate().getSpec();
    assertThat(gpu.getNodeSelector())
        .containsEntry("nvidia.com/gpu.present", "true")
        .as("the resource's key wins")
        .containsEntry("nvidia.com/gpu.product", "NVIDIA-H100-80GB-HBM3");
    assertThat(gpu.getTolerations()).as("the same toleration is not added twice").hasSize(1);
    PodSpec cpu =
        withGpuRules.desired(example("quickstart.yaml")).getSpec().getTemplate().getSpec();
    assertThat(cpu.getNodeSelector()).isNull();
    assertThat(cpu.getTolerations()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyExamplePodIsRestricted(String file) {
    assertThat(
            RestrictedProfile.violations(
                FACTORY.desired(example(file)).getSpec().getTemplate().getSpec()))
        .isEmpty();
  }

  /**
   * OpenShift's restricted-v2 SCC refuses a pod whose UID is outside the namespace's range: with
   * the platform assigning UIDs, the pod names none and stays restricted. Failed before: 10001 was
   * always set.
   */
  @Test
  void withThePlatformAssigningUidsThePodNamesNoUserGroupOrFsGroup() {
    TrainerDefaults d = TrainerDefaults.standard("img");
    TrainerJobFactory platform =
        new TrainerJobFactory(
            new TrainerDefaults(
                d.image(),
                d.pullPolicy(),
                d.requests(),
                d.limits(),
                d.tmpSize(),
                d.terminationGracePeriodSeconds(),
                d.backoffLimit(),
                null,
                d.metricsPort(),
                d.gpuNodeSelector(),
                d.gpuTolerations(),
                d.finishedJobTtlSeconds()));
    PodSpec pod = platform.desired(example("quickstart.yaml")).getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsUser()).isNull();
    assertThat(pod.getSecurityContext().getRunAsGroup()).isNull();
    assertThat(pod.getSecurityContext().getFsGroup()).isNull();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(RestrictedProfile.violations(pod)).isEmpty();
    PodSpec fixed = FACTORY.desired(example("quickstart.yaml")).getSpec().getTemplate().getSpec();
    assertThat(fixed.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
    assertThat(fixed.getSecurityContext().getFsGroup()).isEqualTo(10001L);
  }

  @Test
  void theCheckerCatchesAViolation() {
    Job job = FACTORY.desired(example("quickstart.yaml"));
    trainer(job).getSecurityContext().setAllowPrivilegeEscalation(true);
    trainer(job).getSecurityContext().getCapabilities().setDrop(List.of());
    assertThat(RestrictedProfile.violations(job.getSpec().getTemplate().getSpec()))
        .contains(
            "container trainer: allowPrivilegeEscalation must be false",
            "container trainer: capabilities must drop ALL");
  }

  @Test
  void userTextNeverReachesImageCommandEnvironmentOrSecurity() {
    Job reference = FACTORY.desired(example("cifar10-mgs.yaml"));
    Random random = new Random(7);
    String[] hostile = {
      "..", "../../etc", "a/../../b", "$(rm -rf /)", "x\ny", "ünïcödé", "a".repeat(200), "/abs"
    };
    for (int i = 0; i < 200; i++) {
      ArchitectureSearch s = example("cifar10-mgs.yaml");
      String text = hostile[random.nextInt(hostile.length)];
      // Whatever a user writes where it is allowed, or even where the schema would refuse it.
      s.getSpec().getDataset().getVolume().setSubPath(text);
      s.getSpec().getDataset().getVolume().setClaimName("claim-" + i);
      s.getSpec().getResources().setNodeSelector(Map.of("k" + i, text));
      Container c = trainer(FACTORY.desired(s));
      Container r = trainer(reference);
      assertThat(c.getImage()).isEqualTo(r.getImage());
      assertThat(c.getCommand()).isEqualTo(r.getCommand());
      assertThat(c.getArgs()).isEqualTo(r.getArgs());
      assertThat(c.getEnv()).isEqualTo(r.getEnv());
      assertThat(c.getSecurityContext()).isEqualTo(r.getSecurityContext());
      assertThat(c.getVolumeMounts()).isEqualTo(r.getVolumeMounts());
    }
  }
}
