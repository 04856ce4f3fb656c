package io.zarts.operator.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.validation.ArchitectureSearchValidator;
import io.zarts.api.validation.Violation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The validator's verdict on each search, computed once per (uid, generation): the spec changes
 * only with the generation, and most passes are about Jobs, pods and reports. Entries go when the
 * search is deleted.
 */
final class ValidationCache {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private record Verdict(Long generation, List<Violation> violations) {}

  private final ArchitectureSearchValidator validator;
  private final Map<String, Verdict> byUid = new ConcurrentHashMap<>();

  ValidationCache(ArchitectureSearchValidator validator) {
    this.validator = validator;
  }

  List<Violation> violations(ArchitectureSearch search) {
    String uid = search.getMetadata().getUid();
    Long generation = search.getMetadata().getGeneration();
    Verdict cached = uid == null ? null : byUid.get(uid);
    if (cached != null && generation != null && generation.equals(cached.generation())) {
      return cached.violations();
    }
    List<Violation> violations =
        List.copyOf(
            validator.validate(SERIALIZATION.convertValue(search, JsonNode.class)).violations());
    if (uid != null) {
      byUid.put(uid, new Verdict(generation, violations));
    }
    return violations;
  }

  void forget(ArchitectureSearch search) {
    byUid.remove(String.valueOf(search.getMetadata().getUid()));
  }
}
