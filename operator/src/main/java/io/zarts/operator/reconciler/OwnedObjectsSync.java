package io.zarts.operator.reconciler;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.operator.config.OperatorSettings;
import io.zarts.operator.job.OwnedObjects;
import io.zarts.operator.job.TrainerJobFactory;
import java.net.HttpURLConnection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.UnaryOperator;

/**
 * Keeps the objects a search owns besides its Jobs as {@link OwnedObjects} builds them: the spec
 * and progress ConfigMaps, the trainer's ServiceAccount, Role and RoleBinding, and the checkpoint
 * claim. Reads only the informers' caches, so a pass in which nothing drifted sends no request;
 * creates what is missing, puts back what drifted (data, rules, subjects, labels, the claim's owner
 * and size), and never touches the data the trainer writes into the progress ConfigMap. Every
 * change to these objects starts a reconcile of their search.
 */
final class OwnedObjectsSync {

  private final OperatorSettings settings;

  OwnedObjectsSync(OperatorSettings settings) {
    this.settings = settings;
  }

  /** One informer per owned kind, all selected by the search label. */
  static List<EventSource<?, ArchitectureSearch>> eventSources(
      EventSourceContext<ArchitectureSearch> ctx) {
    return List.of(
        informer(ConfigMap.class, "configmaps", ctx),
        informer(ServiceAccount.class, "serviceaccounts", ctx),
        informer(Role.class, "roles", ctx),
        informer(RoleBinding.class, "rolebindings", ctx),
        informer(PersistentVolumeClaim.class, "claims", ctx));
  }

  private static <R extends HasMetadata> InformerEventSource<R, ArchitectureSearch> informer(
      Class<R> type, String name, EventSourceContext<ArchitectureSearch> ctx) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(type, ArchitectureSearch.class)
            .withName(name)
            .withLabelSelector(TrainerJobFactory.SEARCH_LABEL)
            .withSecondaryToPrimaryMapper(OwnedObjectsSync::bySearchLabel)
            .build(),
        ctx);
  }

  /** The search an object belongs to, by its zarts.io/search label. */
  static Set<ResourceID> bySearchLabel(HasMetadata resource) {
    Map<String, String> labels = resource.getMetadata().getLabels();
    String search = labels == null ? null : labels.get(TrainerJobFactory.SEARCH_LABEL);
    return search == null
        ? Set.of()
        : Set.of(new ResourceID(search, resource.getMetadata().getNamespace()));
  }

  /** The cached object of that type and name that belongs to the search, if any. */
  static <R extends HasMetadata> Optional<R> cached(
      Context<ArchitectureSearch> context, Class<R> type, String name) {
    return context.getSecondaryResources(type).stream()
        .filter(r -> r.getMetadata().getName().equals(name))
        .findFirst();
  }

  void sync(Context<ArchitectureSearch> context, ArchitectureSearch search) {
    ConfigMap spec = OwnedObjects.specConfigMap(search);
    ensure(
        context,
        spec,
        (desired, actual) -> Objects.equals(desired.getData(), actual.getData()),
        actual -> {
          actual.setData(spec.getData());
          return actual;
        });
    ConfigMap progress = OwnedObjects.progressConfigMap(search);
    // Created empty; its data is the trainer's, so only the labels are put back.
    ensure(context, progress, (desired, actual) -> true, UnaryOperator.identity());
    ServiceAccount account = OwnedObjects.serviceAccount(search);
    ensure(context, account, (desired, actual) -> true, UnaryOperator.identity());
    Role role = OwnedObjects.role(search);
    ensure(
        context,
        role,
        (desired, actual) -> Objects.equals(desired.getRules(), actual.getRules()),
        actual -> {
          actual.setRules(role.getRules());
          return actual;
        });
    RoleBinding binding = OwnedObjects.roleBinding(search);
    ensure(
        context,
        binding,
        (desired, actual) ->
            Objects.equals(desired.getSubjects(), actual.getSubjects())
                && Objects.equals(desired.getRoleRef(), actual.getRoleRef()),
        actual -> {
          actual.setSubjects(binding.getSubjects());
          return actual;
        });
    PersistentVolumeClaim claim =
        OwnedObjects.checkpointClaim(
            search,
            settings.checkpoint().storageClassName().orElse(null),
            settings.checkpoint().accessMode());
    if (claim != null) {
      syncClaim(context, search, claim);
    }
  }

  /**
   * The object as it is (from the cache, else created, else read after a 409), or null when it was
   * just created.
   */
  @SuppressWarnings("unchecked")
  private static <R extends HasMetadata> R current(Context<ArchitectureSearch> context, R desired) {
    Optional<R> cached =
        cached(context, (Class<R>) desired.getClass(), desired.getMetadata().getName());
    return cached.isPresent() ? cached.get() : create(context.getClient(), desired);
  }

  /**
   * Creates the object, or puts back its labels and, where sameContent says it differs, its content
   * (putBack).
   */
  private static <R extends HasMetadata> void ensure(
      Context<ArchitectureSearch> context,
      R desired,
      BiPredicate<R, R> sameContent,
      UnaryOperator<R> putBack) {
    R actual = current(context, desired);
    if (actual == null || labelsKept(desired, actual) && sameContent.test(desired, actual)) {
      return;
    }
    context.getClient().resource(actual).edit(a -> putLabels(desired, putBack.apply(a)));
  }

  /**
   * Creates it and returns null; when it exists already (the cache has not shown it yet, or it lost
   * the label the informer selects by) returns the stored object, to be compared and put back.
   */
  private static <R extends HasMetadata> R create(KubernetesClient client, R desired) {
    try {
      client.resource(desired).create();
      return null;
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      return client.resource(desired).get();
    }
  }

  /**
   * The claim: created; its owner reference follows checkpoint.retainOnDelete (the garbage
   * collector then deletes it with the search, or leaves it); expanded when checkpoint.size has
   * grown. A refused resize (a storage class without allowVolumeExpansion, or a smaller size)
   * becomes a warning event and the claim stays as it is.
   */
  private static void syncClaim(
      Context<ArchitectureSearch> context,
      ArchitectureSearch search,
      PersistentVolumeClaim desired) {
    KubernetesClient client = context.getClient();
    PersistentVolumeClaim existing = current(context, desired);
    if (existing == null) {
      return;
    }
    List<OwnerReference> wanted = orEmpty(desired.getMetadata().getOwnerReferences());
    Quantity size = desired.getSpec().getResources().getRequests().get("storage");
    Quantity current = existing.getSpec().getResources().getRequests().get("storage");
    boolean ownerChanged = !orEmpty(existing.getMetadata().getOwnerReferences()).equals(wanted);
    boolean resized = current == null || !sameAmount(current, size);
    boolean labelsKept = labelsKept(desired, existing);
    if (!ownerChanged && !resized && labelsKept) {
      return;
    }
    try {
      client
          .resource(existing)
          .edit(
              pvc -> {
                pvc.getMetadata().setOwnerReferences(wanted);
                pvc.getSpec().getResources().getRequests().put("storage", size);
                return putLabels(desired, pvc);
              });
    } catch (KubernetesClientException e) {
      if (!resized || e.getCode() < 400 || e.getCode() >= 500) {
        throw e;
      }
      SearchEvents.warning(
          client,
          search,
          "ClaimNotResized",
          "the API server refused to resize claim "
              + existing.getMetadata().getName()
              + " from "
              + current
              + " to "
              + size
              + ": "
              + e.getMessage());
    }
  }

  private static boolean labelsKept(HasMetadata desired, HasMetadata actual) {
    return actual.getMetadata().getLabels() != null
        && actual
            .getMetadata()
            .getLabels()
            .entrySet()
            .containsAll(desired.getMetadata().getLabels().entrySet());
  }

  /** The actual object with the desired labels added back. */
  private static <R extends HasMetadata> R putLabels(HasMetadata desired, R actual) {
    if (actual.getMetadata().getLabels() == null) {
      actual.getMetadata().setLabels(new HashMap<>());
    }
    actual.getMetadata().getLabels().putAll(desired.getMetadata().getLabels());
    return actual;
  }

  private static boolean sameAmount(Quantity a, Quantity b) {
    return a.getNumericalAmount().compareTo(b.getNumericalAmount()) == 0;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
