package io.zarts.operator.job;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRuleBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchSpec;
import io.zarts.api.v1alpha1.ResourcesSpec;
import io.zarts.api.v1alpha1.TolerationSpec;
import io.zarts.api.v1alpha1.TrainerSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trainer Job of a search (docs/architecture.md §2.1), as a pure function of the resource and
 * the operator's defaults. Nothing the user writes reaches the image, command, arguments,
 * environment, sub-paths or security context except through typed mappings: names derive from
 * metadata.name, the data claim is mounted whole and read-only, and the trainer resolves
 * dataset.volume.subPath itself inside /data.
 */
public final class TrainerJobFactory {

  public static final String CONTAINER = "trainer";
  public static final String SEARCH_LABEL = "zarts.io/search";

  /** Which trainer Job (search or evaluation) a Job and its pods belong to. */
  public static final String STAGE_LABEL = "zarts.io/stage";

  /**
   * The epochs the Job was created for (training.epochs, evaluation.epochs): a completed Job for
   * fewer epochs is replaced when they rise.
   */
  public static final String EPOCHS_ANNOTATION = "zarts.io/epochs";

  /**
   * A hash of spec.resources the Job was made for: a running Job made for other resources is
   * replaced (it checkpoints on SIGTERM and the new one resumes).
   */
  public static final String RESOURCES_ANNOTATION = "zarts.io/resources-hash";

  /**
   * spec.checkpoint.size the Job ran with: a Job that failed on a full volume is replaced once the
   * size is raised.
   */
  public static final String CHECKPOINT_SIZE_ANNOTATION = "zarts.io/checkpoint-size";

  /** The trainer's exit code for a full checkpoint volume. */
  public static final int VOLUME_FULL_EXIT_CODE = 5;

  public static final String QUEUE_LABEL = "kueue.x-k8s.io/queue-name";
  public static final String GPU_RESOURCE = "nvidia.com/gpu";

  /** Exit codes that fail the Job at once: invalid configuration and unrecoverable state. */
  public static final List<Integer> PERMANENT_EXIT_CODES = List.of(2, 3, VOLUME_FULL_EXIT_CODE);

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final TrainerDefaults defaults;

  public TrainerJobFactory(TrainerDefaults defaults) {
    this.defaults = defaults;
  }

  /** The search Job. */
  public Job desired(ArchitectureSearch search) {
    return desired(search, TrainerStage.SEARCH);
  }

  /**
   * The Job of a stage: both stages share the hardening, resources, claim and progress ConfigMap;
   * only the name, the stage label, the arguments and the epochs annotation differ.
   */
  public Job desired(ArchitectureSearch search, TrainerStage stage) {
    SearchNames names = SearchNames.of(search);
    ArchitectureSearchSpec spec = search.getSpec();
    ResourcesSpec resources = spec.getResources();
    Map<String, String> labels = labels(names, resources, stage);
    return new JobBuilder()
        .withNewMetadata()
        .withName(stage.jobName(names))
        .withNamespace(names.namespace())
        .withLabels(labels)
        .addToAnnotations(EPOCHS_ANNOTATION, String.valueOf(stage.epochs(spec)))
        .addToAnnotations(RESOURCES_ANNOTATION, resourcesHash(spec))
        .addToAnnotations(
            CHECKPOINT_SIZE_ANNOTATION, String.valueOf(spec.getCheckpoint().getSize()))
        .withOwnerReferences(ownerReference(search))
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(defaults.backoffLimit())
        // The status keeps the result (and the progress ConfigMap the report) after it is gone.
        .withTtlSecondsAfterFinished(Math.toIntExact(defaults.finishedJobTtlSeconds()))
        // Kueue admits a queued Job by unsuspending it.
        .withSuspend(resources.getQueueName() != null)
        // Never start a replacement while the old pod may still be writing checkpoints.
        .withPodReplacementPolicy("Failed")
        .withNewPodFailurePolicy()
        .withRules(podFailureRules())
        .endPodFailurePolicy()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withServiceAccountName(names.serviceAccount())
        .withAutomountServiceAccountToken(true)
        .withSecurityContext(podSecurity())
        .withTerminationGracePeriodSeconds(defaults.terminationGracePeriodSeconds())
        .withNodeSelector(nodeSelector(resources))
        .withTolerations(tolerations(resources))
        .withPriorityClassName(resources.getPriorityClassName())
        .withContainers(container(names, spec, stage))
        .withVolumes(volumes(names, spec))
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /**
   * The hash of spec.resources that {@link #RESOURCES_ANNOTATION} records: of its explicit part
   * ({@link ExplicitPart}), so that a release that adds a defaulted field to spec.resources does
   * not count as an edit and restart every trainer.
   */
  public static String resourcesHash(ArchitectureSearchSpec spec) {
    return Hashes.shortSha256(ExplicitPart.json(spec.getResources()));
  }

  /**
   * The hash that releases before the explicit part recorded (of the whole serialized object): a
   * Job made by one of them is not restarted by the upgrade while the resources stay as they were.
   */
  public static String legacyResourcesHash(ArchitectureSearchSpec spec) {
    return Hashes.shortSha256(SERIALIZATION.asJson(spec.getResources()));
  }

  /** Whether the Job was made for the spec's resources, by this release or an earlier one. */
  public static boolean madeForResources(String recorded, ArchitectureSearchSpec spec) {
    return recorded == null
        || recorded.equals(resourcesHash(spec))
        || recorded.equals(legacyResourcesHash(spec));
  }

  private static Map<String, String> labels(
      SearchNames names, ResourcesSpec resources, TrainerStage stage) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", "zarts-trainer");
    labels.put("app.kubernetes.io/instance", names.search());
    labels.put("app.kubernetes.io/managed-by", "zarts-operator");
    labels.put(SEARCH_LABEL, names.search());
    labels.put(STAGE_LABEL, stage.label);
    if (resources.getQueueName() != null) {
      labels.put(QUEUE_LABEL, resources.getQueueName());
    }
    return labels;
  }

  static OwnerReference ownerReference(ArchitectureSearch search) {
    return new OwnerReferenceBuilder()
        .withApiVersion(ArchitectureSearch.API_VERSION)
        .withKind(ArchitectureSearch.KIND)
        .withName(search.getMetadata().getName())
        .withUid(search.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  private static List<PodFailurePolicyRule> podFailureRules() {
    return List.of(
        // Preemption, eviction, node drain: not the trainer's fault; it resumes from its
        // checkpoint.
        new PodFailurePolicyRuleBuilder()
            .withAction("Ignore")
            .addNewOnPodCondition()
            .withType("DisruptionTarget")
            .withStatus("True")
            .endOnPodCondition()
            .build(),
        new PodFailurePolicyRuleBuilder()
            .withAction("FailJob")
            .withNewOnExitCodes()
            .withContainerName(CONTAINER)
            .withOperator("In")
            .withValues(PERMANENT_EXIT_CODES)
            .endOnExitCodes()
            .build());
  }

  /** User, group and fsGroup as the image is built, unless the platform assigns them. */
  private PodSecurityContext podSecurity() {
    Long uid = defaults.runAsUser();
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(uid)
        .withRunAsGroup(uid)
        .withFsGroup(uid)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  private static SecurityContext containerSecurity() {
    return new SecurityContextBuilder()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withRunAsNonRoot(true)
        .withPrivileged(false)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  private Container container(SearchNames names, ArchitectureSearchSpec spec, TrainerStage stage) {
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(mount("spec", "/etc/zarts", true));
    mounts.add(mount("checkpoints", "/checkpoints", false));
    if (spec.getDataset().getVolume() != null) {
      mounts.add(mount("data", "/data", true));
    }
    mounts.add(mount("tmp", "/tmp", false));
    return new ContainerBuilder()
        .withName(CONTAINER)
        .withImage(defaults.image())
        .withImagePullPolicy(defaults.pullPolicy())
        .withArgs(stage.args())
        .withEnv(env(names))
        .addNewPort()
        .withName("metrics")
        .withContainerPort(defaults.metricsPort())
        .withProtocol("TCP")
        .endPort()
        .withResources(resources(spec.getResources(), spec.getTrainer()))
        .withSecurityContext(containerSecurity())
        .withVolumeMounts(mounts)
        .withTerminationMessagePath("/dev/termination-log")
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .build();
  }

  private List<EnvVar> env(SearchNames names) {
    return List.of(
        new EnvVarBuilder()
            .withName("ZARTS_PROGRESS_CONFIGMAP")
            .withValue(names.progressConfigMap())
            .build(),
        new EnvVarBuilder()
            .withName("ZARTS_NAMESPACE")
            .withNewValueFrom()
            .withNewFieldRef()
            .withFieldPath("metadata.namespace")
            .endFieldRef()
            .endValueFrom()
            .build(),
        // The CPUs requested, rounded up: the trainer sizes its default candidate workers by them
        // rather than by the node's cores, which the JVM sees when no CPU limit is set.
        new EnvVarBuilder()
            .withName("ZARTS_CPUS")
            .withNewValueFrom()
            .withNewResourceFieldRef()
            .withContainerName(CONTAINER)
            .withResource("requests.cpu")
            .withDivisor(new Quantity("1"))
            .endResourceFieldRef()
            .endValueFrom()
            .build(),
        new EnvVarBuilder()
            .withName("ZARTS_METRICS_PORT")
            .withValue(String.valueOf(defaults.metricsPort()))
            .build(),
        new EnvVarBuilder()
            .withName("ZARTS_TERMINATION_LOG")
            .withValue("/dev/termination-log")
            .build());
  }

  /**
   * Operator defaults, overridden key by key by the resource; GPUs as nvidia.com/gpu requests and
   * limits. A CPU search that names its candidate workers and their threads requests at least the
   * CPUs they run on, unless the resource sets requests.cpu itself.
   */
  ResourceRequirements resources(ResourcesSpec spec, TrainerSpec trainer) {
    Map<String, Quantity> requests = new LinkedHashMap<>(defaults.requests());
    requests.putAll(spec.requestsOrEmpty());
    Map<String, Quantity> limits = new LinkedHashMap<>(defaults.limits());
    limits.putAll(spec.limitsOrEmpty());
    BigDecimal workerCpus = BigDecimal.valueOf(cpuWorkerThreads(trainer));
    if (!wantsGpus(spec) && !spec.requestsOrEmpty().containsKey("cpu") && workerCpus.signum() > 0) {
      // never above a CPU limit: the API server refuses a request greater than its limit
      Quantity limit = limits.get("cpu");
      BigDecimal wanted = limit == null ? workerCpus : workerCpus.min(limit.getNumericalAmount());
      Quantity current = requests.get("cpu");
      if (current == null || current.getNumericalAmount().compareTo(wanted) < 0) {
        requests.put("cpu", new Quantity(wanted.stripTrailingZeros().toPlainString()));
      }
    }
    if (wantsGpus(spec)) {
      requests.put(GPU_RESOURCE, new Quantity(String.valueOf(spec.getGpus())));
      limits.put(GPU_RESOURCE, new Quantity(String.valueOf(spec.getGpus())));
    }
    return new ResourceRequirementsBuilder().withRequests(requests).withLimits(limits).build();
  }

  /** candidateWorkers x threads when both are set; 0 when the trainer sizes itself. */
  static int cpuWorkerThreads(TrainerSpec trainer) {
    if (trainer == null) {
      return 0;
    }
    int workers = trainer.getCandidateWorkers() == null ? 0 : trainer.getCandidateWorkers();
    int threads = trainer.getThreads() == null ? 0 : trainer.getThreads();
    return workers > 0 && threads > 0 ? workers * threads : 0;
  }

  private static boolean wantsGpus(ResourcesSpec resources) {
    return resources.getGpus() != null && resources.getGpus() > 0;
  }

  /**
   * The operator's GPU node selector for GPU pods, overridden key by key by the resource's; null
   * when empty.
   */
  private Map<String, String> nodeSelector(ResourcesSpec resources) {
    Map<String, String> selector = new LinkedHashMap<>();
    if (wantsGpus(resources)) {
      selector.putAll(defaults.gpuNodeSelector());
    }
    if (resources.getNodeSelector() != null) {
      selector.putAll(resources.getNodeSelector());
    }
    return selector.isEmpty() ? null : selector;
  }

  /** The resource's tolerations, then the operator's GPU tolerations for GPU pods. */
  private List<Toleration> tolerations(ResourcesSpec resources) {
    List<Toleration> out = new ArrayList<>();
    for (TolerationSpec t : resources.tolerationsOrEmpty()) {
      out.add(
          new TolerationBuilder()
              .withKey(t.getKey())
              .withOperator(
                  t.getOperator() == null
                      ? null
                      : t.getOperator() == TolerationSpec.Operator.EXISTS ? "Exists" : "Equal")
              .withValue(t.getValue())
              .withEffect(
                  t.getEffect() == null
                      ? null
                      : switch (t.getEffect()) {
                        case NO_SCHEDULE -> "NoSchedule";
                        case PREFER_NO_SCHEDULE -> "PreferNoSchedule";
                        case NO_EXECUTE -> "NoExecute";
                      })
              .withTolerationSeconds(t.getTolerationSeconds())
              .build());
    }
    if (wantsGpus(resources)) {
      defaults.gpuTolerations().stream().filter(t -> !out.contains(t)).forEach(out::add);
    }
    return out;
  }

  private List<Volume> volumes(SearchNames names, ArchitectureSearchSpec spec) {
    List<Volume> volumes = new ArrayList<>();
    volumes.add(
        new VolumeBuilder()
            .withName("spec")
            .withNewConfigMap()
            .withName(names.specConfigMap())
            .addNewItem()
            .withKey("search.yaml")
            .withPath("search.yaml")
            .endItem()
            .endConfigMap()
            .build());
    String claim =
        spec.getCheckpoint().getExistingClaim() != null
            ? spec.getCheckpoint().getExistingClaim()
            : names.checkpointClaim();
    volumes.add(
        new VolumeBuilder()
            .withName("checkpoints")
            .withNewPersistentVolumeClaim()
            .withClaimName(claim)
            .endPersistentVolumeClaim()
            .build());
    if (spec.getDataset().getVolume() != null) {
      volumes.add(
          new VolumeBuilder()
              .withName("data")
              .withNewPersistentVolumeClaim()
              .withClaimName(spec.getDataset().getVolume().getClaimName())
              .withReadOnly(true)
              .endPersistentVolumeClaim()
              .build());
    }
    // The only writable path besides the claims (JNA's and the JVM's temporary files); libtorch is
    // read from the image, where its build extracted it, so a pod starts without extracting 432 MB.
    volumes.add(
        new VolumeBuilder()
            .withName("tmp")
            .withNewEmptyDir()
            .withSizeLimit(defaults.tmpSize())
            .endEmptyDir()
            .build());
    return volumes;
  }

  private static VolumeMount mount(String volume, String path, boolean readOnly) {
    return new VolumeMountBuilder()
        .withName(volume)
        .withMountPath(path)
        .withReadOnly(readOnly)
        .build();
  }
}
