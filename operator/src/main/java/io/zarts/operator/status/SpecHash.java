package io.zarts.operator.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchSpec;
import io.zarts.api.v1alpha1.CheckpointSpec;
import io.zarts.operator.job.ExplicitPart;
import io.zarts.operator.job.Hashes;

/**
 * A hash of the part of the spec that must not change once a search has started (everything but
 * suspend, training.epochs and maxDuration, resources, trainer, checkpoint size and cadence). The
 * operator's backstop for the CEL transition rules, which an old API server or a missing CRD update
 * would not enforce.
 *
 * <p>Of the explicit part only ({@link ExplicitPart}): a release that adds a field with a default,
 * reorders fields or writes a value out at its default must not count as a change, or an upgrade
 * would fail every running search with ImmutableFieldChanged. The hash that earlier releases
 * recorded (of the whole serialized objects) still counts as unchanged, and is replaced by the
 * current one on the next status write.
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
    return hash != null
        && started != null
        && !started.equals(hash)
        && !started.equals(legacyImmutablePart(search.getSpec()));
  }

  /** The hash to record: the one the search started with, brought to the current form. */
  static String toRecord(String previous, ArchitectureSearchSpec spec, String current) {
    // The legacy form is computed only for a hash that is not the current one.
    return current != null
            && previous != null
            && !previous.equals(current)
            && previous.equals(legacyImmutablePart(spec))
        ? current
        : previous;
  }

  public static String immutablePart(ArchitectureSearchSpec spec) {
    ObjectNode part = JsonNodeFactory.instance.objectNode();
    part.set("dataset", ExplicitPart.of(spec.getDataset()));
    part.set("searchSpace", ExplicitPart.of(spec.getSearchSpace()));
    part.set("optimizer", ExplicitPart.of(spec.getOptimizer()));
    ObjectNode training = (ObjectNode) ExplicitPart.of(spec.getTraining()).deepCopy();
    training.remove("epochs");
    training.remove("maxDuration");
    part.set("training", training);
    part.set("checkpoint", location(spec.getCheckpoint()));
    return Hashes.shortSha256(part.toString());
  }

  private static JsonNode location(CheckpointSpec checkpoint) {
    ObjectNode location = JsonNodeFactory.instance.objectNode();
    if (checkpoint != null && checkpoint.getStorageClassName() != null) {
      location.put("storageClassName", checkpoint.getStorageClassName());
    }
    if (checkpoint != null && checkpoint.getExistingClaim() != null) {
      location.put("existingClaim", checkpoint.getExistingClaim());
    }
    return location;
  }

  /** The form of releases before the explicit part: the whole serialized objects. */
  static String legacyImmutablePart(ArchitectureSearchSpec spec) {
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
