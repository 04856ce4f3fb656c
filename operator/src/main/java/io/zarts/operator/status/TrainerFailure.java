package io.zarts.operator.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/**
 * Why a trainer container ended in failure, as its exit summary (termination message) names it,
 * with the image and the node it ran on: what a reader needs to tell a wrong image from a broken
 * node.
 *
 * @param reason the summary's reason, e.g. NoGPU
 * @param message the trainer's one-line message (may be empty)
 * @param image the image the container ran, as the kubelet reports it
 * @param node the node the pod ran on (may be null)
 */
record TrainerFailure(String reason, String message, String image, String node) {

  /** The summary reason of a GPU search the image or node cannot serve. */
  static final String NO_GPU = "NoGPU";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The first failed trainer container among the pods whose summary gives this reason. */
  static Optional<TrainerFailure> find(List<Pod> pods, String reason) {
    for (Pod pod : pods) {
      if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
        continue;
      }
      for (ContainerStatus cs : pod.getStatus().getContainerStatuses()) {
        var terminated = cs.getState() == null ? null : cs.getState().getTerminated();
        if (terminated == null || terminated.getMessage() == null) {
          continue;
        }
        JsonNode summary = summary(terminated.getMessage());
        if (summary != null && reason.equals(summary.path("reason").asText())) {
          return Optional.of(
              new TrainerFailure(
                  reason,
                  summary.path("message").asText(""),
                  cs.getImage(),
                  pod.getSpec() == null ? null : pod.getSpec().getNodeName()));
        }
      }
    }
    return Optional.empty();
  }

  /** "image X on node Y", for a condition message. */
  String where() {
    return "image "
        + (image == null ? "(unknown)" : image)
        + " on node "
        + (node == null ? "(unknown)" : node);
  }

  private static JsonNode summary(String message) {
    try {
      JsonNode doc = JSON.readTree(message);
      return doc != null && doc.isObject() && doc.path("schemaVersion").asInt(0) == 1 ? doc : null;
    } catch (Exception e) {
      return null;
    }
  }
}
