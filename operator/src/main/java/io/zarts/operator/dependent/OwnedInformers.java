package io.zarts.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.operator.job.TrainerJobFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The informers of the objects a search owns besides its Jobs, one per kind, all selected by the
 * zarts.io/search label and mapped to the search by its value (a claim kept on delete has no owner
 * reference). The managed dependents use them by name (useEventSourceWithName), so that two
 * dependents of one kind share one cache and the claim's informer stays registered whatever one
 * search's spec says.
 */
public final class OwnedInformers {

  public static final String CONFIG_MAPS = "configmaps";
  public static final String SERVICE_ACCOUNTS = "serviceaccounts";
  public static final String ROLES = "roles";
  public static final String ROLE_BINDINGS = "rolebindings";
  public static final String CLAIMS = "claims";

  private OwnedInformers() {}

  public static List<EventSource<?, ArchitectureSearch>> eventSources(
      EventSourceContext<ArchitectureSearch> ctx) {
    return List.of(
        informer(ConfigMap.class, CONFIG_MAPS, ctx),
        informer(ServiceAccount.class, SERVICE_ACCOUNTS, ctx),
        informer(Role.class, ROLES, ctx),
        informer(RoleBinding.class, ROLE_BINDINGS, ctx),
        informer(PersistentVolumeClaim.class, CLAIMS, ctx));
  }

  private static <R extends HasMetadata> InformerEventSource<R, ArchitectureSearch> informer(
      Class<R> type, String name, EventSourceContext<ArchitectureSearch> ctx) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(type, ArchitectureSearch.class)
            .withName(name)
            .withLabelSelector(TrainerJobFactory.SEARCH_LABEL)
            .withSecondaryToPrimaryMapper(OwnedInformers::bySearchLabel)
            .withItemStore(new TrimmedItemStore<>())
            .build(),
        ctx);
  }

  /** The search an object belongs to, by its zarts.io/search label. */
  public static Set<ResourceID> bySearchLabel(HasMetadata resource) {
    Map<String, String> labels = resource.getMetadata().getLabels();
    String search = labels == null ? null : labels.get(TrainerJobFactory.SEARCH_LABEL);
    return search == null
        ? Set.of()
        : Set.of(new ResourceID(search, resource.getMetadata().getNamespace()));
  }

  /** The cached object of that type and name that belongs to the search, if any. */
  public static <R extends HasMetadata> Optional<R> cached(
      Context<ArchitectureSearch> context, Class<R> type, String name) {
    return context.getSecondaryResources(type).stream()
        .filter(r -> r.getMetadata().getName().equals(name))
        .findFirst();
  }
}
