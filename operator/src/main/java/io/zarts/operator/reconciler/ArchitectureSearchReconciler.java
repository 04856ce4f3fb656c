package io.zarts.operator.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.zarts.api.progress.ProgressFormatException;
import io.zarts.api.progress.TrainerProgress;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.api.validation.ArchitectureSearchValidator;
import io.zarts.api.validation.Violation;
import io.zarts.operator.config.OperatorSettings;
import io.zarts.operator.job.JobState;
import io.zarts.operator.job.OwnedObjects;
import io.zarts.operator.job.SearchNames;
import io.zarts.operator.job.TrainerJobFactory;
import io.zarts.operator.job.TrainerStage;
import io.zarts.operator.status.Observation;
import io.zarts.operator.status.SpecHash;
import io.zarts.operator.status.StatusAggregator;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Reconciles an ArchitectureSearch into its owned objects and its trainer Jobs (the search, then
 * with spec.evaluation the evaluation), and computes its status. Level based: every pass recomputes
 * everything from the resource and the informers' caches (Jobs, pods and progress ConfigMaps of
 * searches), creates what is missing and never blocks.
 */
@ControllerConfiguration(
    maxReconciliationInterval =
        @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
public class ArchitectureSearchReconciler implements Reconciler<ArchitectureSearch> {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final TrainerJobFactory jobs;
  private final ArchitectureSearchValidator validator;
  private final OperatorSettings settings;
  private final SearchGauges metrics;

  public ArchitectureSearchReconciler(
      TrainerJobFactory jobs,
      ArchitectureSearchValidator validator,
      OperatorSettings settings,
      SearchGauges metrics) {
    this.jobs = jobs;
    this.validator = validator;
    this.settings = settings;
    this.metrics = metrics;
  }

  @Override
  public List<EventSource<?, ArchitectureSearch>> prepareEventSources(
      EventSourceContext<ArchitectureSearch> ctx) {
    var jobConfig =
        InformerEventSourceConfiguration.from(Job.class, ArchitectureSearch.class)
            .withName("jobs")
            .withLabelSelector(TrainerJobFactory.SEARCH_LABEL)
            .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(ArchitectureSearch.class))
            .build();
    var podConfig =
        InformerEventSourceConfiguration.from(Pod.class, ArchitectureSearch.class)
            .withName("pods")
            .withLabelSelector(TrainerJobFactory.SEARCH_LABEL)
            .withSecondaryToPrimaryMapper(ArchitectureSearchReconciler::bySearchLabel)
            .build();
    var progressConfig =
        InformerEventSourceConfiguration.from(ConfigMap.class, ArchitectureSearch.class)
            .withName("progress")
            .withLabelSelector(OwnedObjects.PROGRESS_LABEL)
            .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(ArchitectureSearch.class))
            .build();
    return List.of(
        new InformerEventSource<>(jobConfig, ctx),
        new InformerEventSource<>(podConfig, ctx),
        new InformerEventSource<>(progressConfig, ctx));
  }

  private static Set<ResourceID> bySearchLabel(HasMetadata resource) {
    String search =
        resource.getMetadata().getLabels() == null
            ? null
            : resource.getMetadata().getLabels().get(TrainerJobFactory.SEARCH_LABEL);
    return search == null
        ? Set.of()
        : Set.of(new ResourceID(search, resource.getMetadata().getNamespace()));
  }

  @Override
  public UpdateControl<ArchitectureSearch> reconcile(
      ArchitectureSearch search, Context<ArchitectureSearch> context) {
    KubernetesClient client = context.getClient();
    SearchNames names = SearchNames.of(search);
    // Validation before any write: the API server may run an older CRD, or none of its CEL rules.
    List<Violation> violations =
        validator.validate(SERIALIZATION.convertValue(search, JsonNode.class)).violations();
    Optional<Job> searchJob = job(context, names.job());
    Optional<Job> evaluationJob = job(context, names.evaluationJob());
    String specHash = SpecHash.immutablePart(search.getSpec());
    String startedWith =
        search.getStatus() == null ? null : search.getStatus().getObservedSpecHash();
    boolean immutableChanged = startedWith != null && !startedWith.equals(specHash);
    if (violations.isEmpty() && !immutableChanged) {
      ensureOwnedObjects(client, search);
      if (TrainerStage.evaluationOnly(search.getSpec())) {
        // spec.evaluation names the genotype: no search runs (its checkpoints stay on the claim).
        searchJob.ifPresent(j -> deleteJob(client, j));
        searchJob = Optional.empty();
      } else {
        searchJob = reconcileJob(client, search, TrainerStage.SEARCH, searchJob);
      }
      if (TrainerStage.current(search.getSpec(), searchJob.orElse(null))
          == TrainerStage.EVALUATION) {
        evaluationJob = reconcileJob(client, search, TrainerStage.EVALUATION, evaluationJob);
      } else if (evaluationJob.isPresent()) {
        // The search runs again (more epochs): the evaluation of its earlier result is void.
        deleteJob(client, evaluationJob.get());
        evaluationJob = Optional.empty();
      }
    }
    ConfigMap progressMap = progressConfigMap(context, names);
    ArchitectureSearchStatus status =
        StatusAggregator.compute(
            new Observation(
                search,
                violations,
                specHash,
                searchJob.orElse(null),
                pods(context, names.job()),
                report(progressMap, TrainerProgress.FILE_NAME),
                new Observation.Stage(
                    evaluationJob.orElse(null),
                    pods(context, names.evaluationJob()),
                    report(progressMap, TrainerProgress.EVALUATION_KEY)),
                Instant.now()));
    metrics.refresh(context.getPrimaryCache().list().toList(), search, status);
    recordTransition(client, search, status);
    if (Objects.equals(SERIALIZATION.asJson(status), SERIALIZATION.asJson(search.getStatus()))) {
      return UpdateControl.noUpdate();
    }
    ArchitectureSearch patch = new ArchitectureSearch();
    patch.setMetadata(
        new ObjectMetaBuilder()
            .withName(search.getMetadata().getName())
            .withNamespace(search.getMetadata().getNamespace())
            .build());
    patch.setStatus(status);
    return UpdateControl.patchStatus(patch);
  }

  private void ensureOwnedObjects(KubernetesClient client, ArchitectureSearch search) {
    var spec = OwnedObjects.specConfigMap(search);
    var existing =
        client
            .configMaps()
            .inNamespace(spec.getMetadata().getNamespace())
            .withName(spec.getMetadata().getName())
            .get();
    if (existing == null) {
      client.resource(spec).create();
    } else if (!Objects.equals(existing.getData(), spec.getData())) {
      existing.setData(spec.getData());
      client.resource(existing).update();
    }
    createIfMissing(client, OwnedObjects.progressConfigMap(search));
    createIfMissing(client, OwnedObjects.serviceAccount(search));
    createIfMissing(client, OwnedObjects.role(search));
    createIfMissing(client, OwnedObjects.roleBinding(search));
    var claim =
        OwnedObjects.checkpointClaim(search, settings.checkpoint().storageClassName().orElse(null));
    if (claim != null) {
      reconcileClaim(client, claim);
    }
  }

  /**
   * Creates the checkpoint claim, or makes its owner reference follow checkpoint.retainOnDelete,
   * which may change at any time: the garbage collector then deletes it with the search, or leaves
   * it.
   */
  private static void reconcileClaim(KubernetesClient client, PersistentVolumeClaim desired) {
    PersistentVolumeClaim existing = client.resource(desired).get();
    if (existing == null) {
      client.resource(desired).create();
      return;
    }
    List<OwnerReference> wanted = orEmpty(desired.getMetadata().getOwnerReferences());
    if (!orEmpty(existing.getMetadata().getOwnerReferences()).equals(wanted)) {
      client
          .resource(existing)
          .edit(
              pvc -> {
                pvc.getMetadata().setOwnerReferences(wanted);
                return pvc;
              });
    }
  }

  private static Optional<Job> job(Context<ArchitectureSearch> context, String name) {
    return context.getSecondaryResources(Job.class).stream()
        .filter(j -> j.getMetadata().getName().equals(name))
        .findFirst();
  }

  /** The pods of one Job (the Job controller labels them with its name). */
  private static List<Pod> pods(Context<ArchitectureSearch> context, String jobName) {
    return context.getSecondaryResources(Pod.class).stream()
        .filter(p -> jobName.equals(p.getMetadata().getLabels().get("job-name")))
        .toList();
  }

  private static void deleteJob(KubernetesClient client, Job job) {
    client.resource(job).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
  }

  /** Creates the stage's Job when it is missing, or stops or replaces it as the spec asks. */
  private Optional<Job> reconcileJob(
      KubernetesClient client, ArchitectureSearch search, TrainerStage stage, Optional<Job> job) {
    boolean suspend = Boolean.TRUE.equals(search.getSpec().getSuspend());
    if (suspend) {
      // Deleting the Job terminates its pod with SIGTERM: the trainer finishes its step and
      // checkpoints. A finished Job stays: it is the record of its stage's end.
      job.filter(j -> !JobState.complete(j) && !JobState.failed(j))
          .ifPresent(j -> deleteJob(client, j));
      return job;
    }
    if (job.isPresent() && wasSuspended(search)) {
      // Resuming: the informer may not have seen the deletion of the suspended Job yet; ask the API
      // server.
      job =
          Optional.ofNullable(
              client
                  .batch()
                  .v1()
                  .jobs()
                  .inNamespace(search.getMetadata().getNamespace())
                  .withName(job.get().getMetadata().getName())
                  .get());
    }
    if (job.isPresent() && completedForFewerEpochs(job.get(), stage.epochs(search.getSpec()))) {
      // The stage's epochs were raised after it succeeded: a new Job resumes from the last
      // checkpoint.
      deleteJob(client, job.get());
      return Optional.empty();
    }
    if (job.isPresent()) {
      return job;
    }
    Job desired = jobs.desired(search, stage);
    Job existing =
        client
            .batch()
            .v1()
            .jobs()
            .inNamespace(desired.getMetadata().getNamespace())
            .withName(desired.getMetadata().getName())
            .get();
    if (existing != null) {
      return Optional.of(existing); // created by an earlier pass the informer has not seen yet
    }
    Job created = client.resource(desired).create();
    SearchEvents.normal(
        client,
        search,
        "JobCreated",
        "created " + stage.label + " Job " + created.getMetadata().getName());
    return Optional.of(created);
  }

  private static boolean wasSuspended(ArchitectureSearch search) {
    return search.getStatus() != null && search.getStatus().getPhase() == SearchPhase.SUSPENDED;
  }

  /**
   * An event when the phase changes, with the reason and message of the condition that changed it.
   */
  private static void recordTransition(
      KubernetesClient client, ArchitectureSearch search, ArchitectureSearchStatus status) {
    var before = search.getStatus() == null ? null : search.getStatus().getPhase();
    if (status.getPhase() == before) {
      return;
    }
    String type =
        switch (status.getPhase()) {
          case FAILED -> "Failed";
          case SUCCEEDED -> "Succeeded";
          case SUSPENDED -> "Suspended";
          case EVALUATING -> "Evaluating";
          default -> "Ready";
        };
    var condition =
        status.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst();
    String reason = condition.map(Condition::getReason).orElse(type);
    String message = condition.map(Condition::getMessage).orElse("");
    if (status.getPhase() == SearchPhase.FAILED) {
      SearchEvents.warning(client, search, reason, message);
    } else {
      SearchEvents.normal(client, search, reason, message);
    }
  }

  private static boolean completedForFewerEpochs(Job job, int wanted) {
    String epochs =
        job.getMetadata().getAnnotations() == null
            ? null
            : job.getMetadata().getAnnotations().get(TrainerJobFactory.EPOCHS_ANNOTATION);
    return JobState.complete(job) && epochs != null && Integer.parseInt(epochs) < wanted;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static void createIfMissing(KubernetesClient client, HasMetadata desired) {
    if (client.resource(desired).get() == null) {
      client.resource(desired).create();
    }
  }

  private static ConfigMap progressConfigMap(
      Context<ArchitectureSearch> context, SearchNames names) {
    return context.getSecondaryResources(ConfigMap.class).stream()
        .filter(cm -> cm.getMetadata().getName().equals(names.progressConfigMap()))
        .findFirst()
        .orElse(null);
  }

  /** The report under that key, or null when there is none or it does not parse. */
  private static TrainerProgress report(ConfigMap progress, String key) {
    String json =
        progress == null || progress.getData() == null ? null : progress.getData().get(key);
    if (json == null) {
      return null;
    }
    try {
      return TrainerProgress.fromJson(json);
    } catch (ProgressFormatException e) {
      return null;
    }
  }

  @Override
  public ErrorStatusUpdateControl<ArchitectureSearch> updateErrorStatus(
      ArchitectureSearch search, Context<ArchitectureSearch> context, Exception e) {
    metrics.reconcileFailed();
    return ErrorStatusUpdateControl.defaultErrorProcessing();
  }
}
