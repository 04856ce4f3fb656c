package io.zarts.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.zarts.api.progress.ProgressFormatException;
import io.zarts.api.progress.TrainerProgress;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchStatus;
import io.zarts.api.v1alpha1.SearchPhase;
import io.zarts.api.validation.ArchitectureSearchValidator;
import io.zarts.api.validation.Violation;
import io.zarts.operator.config.OperatorSettings;
import io.zarts.operator.dependent.CheckpointClaimDependent;
import io.zarts.operator.dependent.ClaimWanted;
import io.zarts.operator.dependent.OwnedInformers;
import io.zarts.operator.dependent.OwnedObjectConflictException;
import io.zarts.operator.dependent.Ownership;
import io.zarts.operator.dependent.ProgressConfigMapDependent;
import io.zarts.operator.dependent.SpecConfigMapDependent;
import io.zarts.operator.dependent.TrainerRoleBindingDependent;
import io.zarts.operator.dependent.TrainerRoleDependent;
import io.zarts.operator.dependent.TrainerServiceAccountDependent;
import io.zarts.operator.dependent.TrimmedItemStore;
import io.zarts.operator.events.SearchEvents;
import io.zarts.operator.job.JobState;
import io.zarts.operator.job.SearchNames;
import io.zarts.operator.job.TrainerJobFactory;
import io.zarts.operator.job.TrainerStage;
import io.zarts.operator.status.Lifecycle;
import io.zarts.operator.status.Observation;
import io.zarts.operator.status.SpecHash;
import io.zarts.operator.status.StageFacts;
import io.zarts.operator.status.StatusAggregator;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reconciles an ArchitectureSearch into its owned objects and its trainer Jobs (the search, then
 * with spec.evaluation the evaluation), and computes its status. Level based: every pass recomputes
 * everything from the resource and the informers' caches (Jobs, pods and progress ConfigMaps of
 * searches), creates what is missing and never blocks. The owned objects besides the Jobs are JOSDK
 * managed dependents, run explicitly once the spec is accepted; the Jobs follow {@link
 * StageDecision}, which a dependent's create-update-delete cycle cannot express (waiting for a
 * stopping pod, rolling on a resources edit, keeping a finished Job).
 */
@Workflow(
    explicitInvocation = true,
    dependents = {
      @Dependent(
          name = "spec-configmap",
          type = SpecConfigMapDependent.class,
          useEventSourceWithName = OwnedInformers.CONFIG_MAPS),
      @Dependent(
          name = "progress-configmap",
          type = ProgressConfigMapDependent.class,
          useEventSourceWithName = OwnedInformers.CONFIG_MAPS),
      @Dependent(
          name = "trainer-serviceaccount",
          type = TrainerServiceAccountDependent.class,
          useEventSourceWithName = OwnedInformers.SERVICE_ACCOUNTS),
      @Dependent(
          name = "trainer-role",
          type = TrainerRoleDependent.class,
          useEventSourceWithName = OwnedInformers.ROLES),
      @Dependent(
          name = "trainer-rolebinding",
          type = TrainerRoleBindingDependent.class,
          // The API server's RBAC escalation check reads the Role the binding grants: a binding
          // created before its Role is refused with 404 (seen on a real API server).
          dependsOn = "trainer-role",
          useEventSourceWithName = OwnedInformers.ROLE_BINDINGS),
      @Dependent(
          name = "checkpoint-claim",
          type = CheckpointClaimDependent.class,
          reconcilePrecondition = ClaimWanted.class,
          useEventSourceWithName = OwnedInformers.CLAIMS)
    })
// A failed pass (a refused Job or owned object, an unreachable API server) is retried for as long
// as it fails, at most 2 minutes apart: JOSDK's default gives up after 5 attempts (~26 s), and a
// raised quota then went unnoticed until the 30-minute pass.
@GradualRetry(
    maxAttempts = -1,
    initialInterval = 2_000,
    intervalMultiplier = 1.5,
    maxInterval = Lifecycle.MAX_RETRY_INTERVAL_MS)
@ControllerConfiguration(
    // The generation alone would miss the zarts.io/retry annotation; SpecOrRetryChanged adds it.
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = SpecOrRetryChanged.class),
    maxReconciliationInterval =
        @MaxReconciliationInterval(interval = 30, timeUnit = TimeUnit.MINUTES))
public class ArchitectureSearchReconciler
    implements Reconciler<ArchitectureSearch>, Cleaner<ArchitectureSearch> {

  private static final SpecOrRetryChanged SPEC_OR_RETRY = new SpecOrRetryChanged();

  private final TrainerJobFactory jobs;
  private final SearchGauges metrics;
  private final ValidationCache validations;
  private final DeviceWarnings deviceWarnings = new DeviceWarnings();
  private final PrunedStatus prunedStatus = new PrunedStatus();
  private final boolean eventsFilteredByServer;

  public ArchitectureSearchReconciler(
      TrainerJobFactory jobs,
      ArchitectureSearchValidator validator,
      OperatorSettings settings,
      SearchGauges metrics) {
    this.jobs = jobs;
    this.metrics = metrics;
    this.validations = new ValidationCache(validator);
    this.eventsFilteredByServer = settings.events().serverSideFilter();
  }

  @Override
  public List<EventSource<?, ArchitectureSearch>> prepareEventSources(
      EventSourceContext<ArchitectureSearch> ctx) {
    ctx.getPrimaryCache().addIndexer(SharedClaims.INDEX, SharedClaims::indexKeys);
    var jobConfig =
        InformerEventSourceConfiguration.from(Job.class, ArchitectureSearch.class)
            .withName("jobs")
            .withLabelSelector(TrainerJobFactory.SEARCH_LABEL)
            .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(ArchitectureSearch.class))
            .withItemStore(TrimmedItemStore.forJobs())
            .build();
    var podConfig =
        InformerEventSourceConfiguration.from(Pod.class, ArchitectureSearch.class)
            .withName("pods")
            .withLabelSelector(TrainerJobFactory.SEARCH_LABEL)
            .withSecondaryToPrimaryMapper(OwnedInformers::bySearchLabel)
            .withItemStore(TrimmedItemStore.forPods())
            .build();
    List<EventSource<?, ArchitectureSearch>> sources = new ArrayList<>();
    sources.add(new InformerEventSource<>(jobConfig, ctx));
    sources.add(new InformerEventSource<>(podConfig, ctx));
    sources.addAll(OwnedInformers.eventSources(ctx));
    sources.add(PodCreationFailures.eventSource(ctx, eventsFilteredByServer));
    sources.add(ClaimBindingFailures.eventSource(ctx, eventsFilteredByServer));
    sources.add(
        new SearchDeletions(
            deleted -> {
              metrics.remove(deleted);
              validations.forget(deleted);
              deviceWarnings.forget(deleted);
              prunedStatus.forget(deleted);
            }));
    return sources;
  }

  @Override
  public UpdateControl<ArchitectureSearch> reconcile(
      ArchitectureSearch search, Context<ArchitectureSearch> context) {
    metrics.reconciled();
    KubernetesClient client = context.getClient();
    SearchNames names = SearchNames.of(search);
    // Validation before any write: the API server may run an older CRD, or none of its CEL rules.
    List<Violation> violations = validations.violations(search);
    Optional<Job> searchJob = job(context, names.job());
    Optional<Job> evaluationJob = job(context, names.evaluationJob());
    List<Pod> searchPods = context.getSecondaryResources(Pod.class).stream().toList();
    String specHash = SpecHash.immutablePart(search.getSpec());
    ConfigMap progressMap =
        OwnedInformers.cached(context, ConfigMap.class, names.progressConfigMap()).orElse(null);
    TrainerProgress searchReport = report(progressMap, TrainerProgress.FILE_NAME);
    TrainerProgress evaluationReport = report(progressMap, TrainerProgress.EVALUATION_KEY);
    // Decide everything before acting on any of it.
    StageFacts facts =
        StageFacts.of(
            search, searchJob.orElse(null), searchReport, evaluationReport, violations, specHash);
    TrainerStage stage = facts.stage();
    PassPlan plan =
        PassPlan.of(
            search,
            facts,
            searchJob.orElse(null),
            evaluationJob.orElse(null),
            deleting(context, stage.jobName(names)),
            searchPods);
    // Why the objects the trainer needs could not be written (null when they were): no trainer
    // starts without them, and the status says why.
    Observation.Refusal ownedRefused =
        facts.specAccepted()
            ? SharedClaims.refusal(
                    search,
                    context
                        .getPrimaryCache()
                        .byIndex(SharedClaims.INDEX, SharedClaims.indexKey(search))
                        .stream())
                .or(() -> OwnedObjectFailures.reconcile(context))
                .orElse(null)
            : null;
    if (ownedRefused != null) {
      SearchEvents.warning(client, search, ownedRefused.reason(), ownedRefused.message());
    }
    plan.voided().forEach(j -> deleteJob(client, j));
    Applied applied = apply(context, search, plan, ownedRefused);
    Job searchJobAfter =
        stage == TrainerStage.SEARCH
            ? applied.job().orElse(null)
            : plan.unlessVoided(searchJob.orElse(null));
    Job evaluationJobAfter =
        stage == TrainerStage.EVALUATION
            ? applied.job().orElse(null)
            : plan.unlessVoided(evaluationJob.orElse(null));
    Job stageJob = applied.job().orElse(null);
    // The Job controller's and the volume controller's events, from both event informers.
    var events = context.getSecondaryResources(Event.class);
    Observation.Refusal podRefused =
        PodCreationFailures.of(stageJob, JobState.podsOf(stage.jobName(names), searchPods), events)
            .orElse(null);
    ArchitectureSearchStatus status =
        StatusAggregator.compute(
            new Observation(
                search,
                facts,
                violations,
                specHash,
                searchJobAfter,
                JobState.podsOf(names.job(), searchPods),
                searchReport,
                new Observation.Stage(
                    evaluationJobAfter,
                    JobState.podsOf(names.evaluationJob(), searchPods),
                    evaluationReport),
                applied.retryHonoured(),
                applied.refused(),
                podRefused,
                ClaimBindingFailures.of(
                        OwnedInformers.cached(
                                context, PersistentVolumeClaim.class, names.checkpointClaim())
                            .orElse(null),
                        events)
                    .orElse(null),
                Instant.now()));
    metrics.update(search, status);
    // The server's answer may hold an edit made since this pass read the search (the status write
    // carries no resourceVersion); once it is cached, that edit's own watch event counts as old and
    // starts no pass, so this pass asks for the next one itself.
    boolean changedMeanwhile = false;
    if (prunedStatus.writeNeeded(search, status)) {
      ArchitectureSearch stored = StatusWriter.write(context, search, status);
      prunedStatus
          .written(search, status, stored)
          .ifPresent(m -> SearchEvents.warning(client, search, PrunedStatus.REASON, m));
      changedMeanwhile = SPEC_OR_RETRY.accept(stored, search);
    }
    // Only once the status that holds the transition is stored: a pass whose write fails records
    // nothing, and the pass that retries it records the transition once.
    recordTransition(client, search, status);
    deviceWarnings.record(client, search, searchReport);
    Observation.Refusal refused = applied.refused() != null ? applied.refused() : ownedRefused;
    if (refused != null) {
      // Through the error path, so that the operator SDK retries with its back-off.
      throw new StartRefusedException(refused);
    }
    return changedMeanwhile
        ? UpdateControl.<ArchitectureSearch>noUpdate().rescheduleAfter(0)
        : UpdateControl.noUpdate();
  }

  /** The Job of that name while it is being deleted, or null. */
  private static Job deleting(Context<ArchitectureSearch> context, String name) {
    return context.getSecondaryResources(Job.class).stream()
        .filter(j -> j.getMetadata().getName().equals(name))
        .filter(j -> j.getMetadata().getDeletionTimestamp() != null)
        .findFirst()
        .orElse(null);
  }

  /** The Job of that name, unless it is being deleted (then its pods are what still counts). */
  private static Optional<Job> job(Context<ArchitectureSearch> context, String name) {
    return context.getSecondaryResources(Job.class).stream()
        .filter(j -> j.getMetadata().getName().equals(name))
        .filter(j -> j.getMetadata().getDeletionTimestamp() == null)
        .findFirst();
  }

  /**
   * Deletes the Job in the foreground: it stays, marked for deletion, until its pods are gone, so
   * the stop is visible until the trainer has checkpointed and exited.
   */
  private static void deleteJob(KubernetesClient client, Job job) {
    client.resource(job).withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
  }

  /**
   * A stage's Job after this pass, the retry token honoured by creating it, and the API server's
   * refusal to create it (each null when there is none).
   */
  private record Applied(Optional<Job> job, String retryHonoured, Observation.Refusal refused) {}

  /** Carries out the plan's decision for the stage's Job. */
  private Applied apply(
      Context<ArchitectureSearch> context,
      ArchitectureSearch search,
      PassPlan plan,
      Observation.Refusal ownedRefused) {
    KubernetesClient client = context.getClient();
    StageDecision decision = plan.decision();
    Optional<Job> job = Optional.ofNullable(plan.stageJob());
    TrainerStage stage = plan.facts().stage();
    switch (decision.action()) {
      case DELETE -> {
        deleteJob(client, job.orElseThrow());
        return new Applied(Optional.empty(), null, null);
      }
      case CREATE -> {
        if (ownedRefused != null) {
          return new Applied(Optional.empty(), null, ownedRefused);
        }
        try {
          Optional<Job> created = create(context, search, stage);
          // A retry is honoured by the Job it created, never by one found in its way.
          return new Applied(
              created, created.isPresent() ? Lifecycle.pendingRetry(search) : null, null);
        } catch (KubernetesClientException e) {
          Observation.Refusal refusal = StartRefusedException.refusal(e);
          if (refusal == null) {
            throw e;
          }
          SearchEvents.warning(client, search, refusal.reason(), refusal.message());
          return new Applied(Optional.empty(), null, refusal);
        } catch (OwnedObjectConflictException e) {
          var refusal =
              new Observation.Refusal(OwnedObjectConflictException.REASON, e.getMessage());
          SearchEvents.warning(client, search, refusal.reason(), refusal.message());
          return new Applied(Optional.empty(), null, refusal);
        }
      }
      default -> {
        // A retry asked for while the trainer still runs is that run: it is not started again.
        return new Applied(job, Lifecycle.honouredBy(search, job.orElse(null)), null);
      }
    }
  }

  /**
   * Creates the stage's Job; empty when a Job of that name is in the way (one that is still being
   * deleted, or gone again): the next pass decides afresh. Through the SDK's resource operations,
   * so that the next pass finds the Job in the informer's cache even before its watch event has
   * come (it would otherwise see the new pod without its Job).
   */
  private Optional<Job> create(
      Context<ArchitectureSearch> context, ArchitectureSearch search, TrainerStage stage) {
    KubernetesClient client = context.getClient();
    Job desired = jobs.desired(search, stage);
    String retry = Lifecycle.pendingRetry(search);
    if (retry != null) {
      desired.getMetadata().getAnnotations().put(Lifecycle.JOB_RETRY_ANNOTATION, retry);
    }
    try {
      Job created = context.resourceOperations().create(desired);
      SearchEvents.normal(
          client,
          search,
          "JobCreated",
          "created " + stage.label + " Job " + created.getMetadata().getName());
      return Optional.of(created);
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      // Created by an earlier pass that the informer has not shown yet, or an old one still
      // being deleted (then it is not ours to adopt), or someone else's (never adopted).
      Job existing = client.resource(desired).get();
      return existing == null || existing.getMetadata().getDeletionTimestamp() != null
          ? Optional.empty()
          : Optional.of(Ownership.require(search, existing));
    }
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

  /**
   * The search is being deleted: its checkpoint claim is deleted or kept ({@link ClaimRetention});
   * everything else it owns the garbage collector takes.
   */
  @Override
  public DeleteControl cleanup(ArchitectureSearch search, Context<ArchitectureSearch> context) {
    ClaimRetention.onDelete(context.getClient(), search);
    return DeleteControl.defaultDelete();
  }

  @Override
  public ErrorStatusUpdateControl<ArchitectureSearch> updateErrorStatus(
      ArchitectureSearch search, Context<ArchitectureSearch> context, Exception e) {
    metrics.reconcileFailed();
    // The status of a refused Job was written before the refusal was thrown.
    return ErrorStatusUpdateControl.defaultErrorProcessing();
  }
}
