package io.zarts.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.zarts.api.progress.TrainerProgress;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.operator.events.SearchEvents;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Warning event when a trainer reports devices other than its resource asked for (fewer GPUs
 * visible than requested, candidates kept on one device). Once per search and distinct report: the
 * last one warned about is remembered here, in memory, rather than in the status, which an older
 * CRD would prune (and then every pass would warn again); an operator restart warns once more.
 */
final class DeviceWarnings {

  /** Event reason. */
  static final String REASON = "DevicesNotAsRequested";

  private final Map<String, String> lastWarned = new ConcurrentHashMap<>();

  void record(KubernetesClient client, ArchitectureSearch search, TrainerProgress report) {
    if (report == null
        || report.getDeviceWarnings() == null
        || report.getDeviceWarnings().isEmpty()) {
      return;
    }
    List<String> devices = report.getDevices() == null ? List.of() : report.getDevices();
    String message =
        "trainer uses "
            + String.join(", ", devices)
            + ": "
            + String.join("; ", report.getDeviceWarnings());
    String uid = String.valueOf(search.getMetadata().getUid());
    if (!message.equals(lastWarned.put(uid, message))) {
      SearchEvents.warning(client, search, REASON, message);
    }
  }

  void forget(ArchitectureSearch search) {
    lastWarned.remove(String.valueOf(search.getMetadata().getUid()));
  }
}
