package io.zarts.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.operator.job.OwnedObjects;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether an object found under the name of one a search owns is that search's. The name and the
 * zarts.io/search label say nothing: anyone who may create objects in the namespace can choose
 * both. What counts is the search's uid, in an owner reference or, on a checkpoint claim (which may
 * outlive its search), in the zarts.io/search-uid annotation.
 */
public final class Ownership {

  private Ownership() {}

  public static boolean ownedBy(ArchitectureSearch search, HasMetadata object) {
    String uid = search.getMetadata().getUid();
    List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
    if (owners != null && owners.stream().anyMatch(o -> Objects.equals(o.getUid(), uid))) {
      return true;
    }
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    String recorded = annotations == null ? null : annotations.get(OwnedObjects.SEARCH_UID);
    if (recorded != null) {
      return recorded.equals(uid);
    }
    return "PersistentVolumeClaim".equals(object.getKind()) && createdSince(search, object);
  }

  /**
   * A kept claim from before the uid annotation: it is this search's if it was created after the
   * search (a claim of an earlier search of that name was created before this search existed).
   */
  private static boolean createdSince(ArchitectureSearch search, HasMetadata claim) {
    String searchCreated = search.getMetadata().getCreationTimestamp();
    String claimCreated = claim.getMetadata().getCreationTimestamp();
    return searchCreated != null
        && claimCreated != null
        && !Instant.parse(claimCreated).isBefore(Instant.parse(searchCreated));
  }

  /** The object, if it is the search's; otherwise the conflict, and nothing is written. */
  public static <R extends HasMetadata> R require(ArchitectureSearch search, R object) {
    if (!ownedBy(search, object)) {
      throw new OwnedObjectConflictException(search, object);
    }
    return object;
  }
}
