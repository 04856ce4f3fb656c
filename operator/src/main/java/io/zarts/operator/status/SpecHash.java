package io.zarts.operator.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchSpec;
import io.zarts.operator.job.Hashes;

/**
 * A hash of the part of the spec that must not change once a search has started (everything but
 * suspend, training.epochs and maxDuration, resources, trainer, checkpoint size and cadence). The
 * operator's backstop for the CEL transition rules, which an old API server or a missing CRD update
 * would not enforce.
 */
public final class SpecHash {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private SpecHash() {}

  /**
   * Whether the hash differs from the one the search started with (status.observedSpecHash; false
   * before the search started).
   */
  public static boolean changedSinceStart(ArchitectureSearch search, String hash) {
    String started = search.getStatus() == null ? null : search.getStatus().getObservedSpecHash();
    return hash != null && started != null && !started.equals(hash);
  }

  public static String immutablePart(ArchitectureSearchSpec spec) {
    ObjectNode tree = SERIALIZATION.convertValue(spec, ObjectNode.class);
    ObjectNode part = tree.objectNode();
    part.set("dataset", tree.get("dataset"));
    part.set("searchSpace", tree.get("searchSpace"));
    part.set("optimizer", tree.get("optimizer"));
    ObjectNode training =
        tree.get("training") == null ? tree.objectNode() : tree.get("training").deepCopy();
    training.remove("epochs");
    training.remove("maxDuration");
    part.set("training", training);
    ObjectNode checkpoint = tree.objectNode();
    if (tree.get("checkpoint") != null) {
      for (String field : new String[] {"storageClassName", "existingClaim"}) {
        if (tree.get("checkpoint").has(field)) {
          checkpoint.set(field, tree.get("checkpoint").get(field));
        }
      }
    }
    part.set("checkpoint", checkpoint);
    return Hashes.shortSha256(part.toString());
  }
}
