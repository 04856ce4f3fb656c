package io.zarts.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.zarts.api.v1alpha1.ArchitectureSearch;

/**
 * An object stands under the name of one the search owns, and it is not this search's: another
 * user's, or one kept from an earlier search of the same name. Nothing is written to it; the status
 * says which object it is and how to go on.
 */
public final class OwnedObjectConflictException extends RuntimeException {

  public static final String REASON = "OwnedObjectConflict";

  public OwnedObjectConflictException(ArchitectureSearch search, HasMetadata found) {
    super(message(search, found));
  }

  private static String message(ArchitectureSearch search, HasMetadata found) {
    String what = found.getKind() + " " + found.getMetadata().getName();
    String head =
        what
            + " exists and does not belong to this ArchitectureSearch (uid "
            + search.getMetadata().getUid()
            + "); the operator leaves it as it is. ";
    if ("PersistentVolumeClaim".equals(found.getKind())) {
      return head
          + "To go on from its checkpoints, create the search under another name with"
          + " spec.checkpoint.existingClaim: "
          + found.getMetadata().getName()
          + "; otherwise delete the claim.";
    }
    return head + "Delete or rename it, or give the search another name.";
  }
}
