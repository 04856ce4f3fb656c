package io.zarts.operator.job;

import io.zarts.api.v1alpha1.ArchitectureSearch;

/** The names of the objects the operator owns for a search S (docs/operator.md §2). */
public record SearchNames(String search, String namespace) {

  public static SearchNames of(ArchitectureSearch search) {
    return new SearchNames(search.getMetadata().getName(), search.getMetadata().getNamespace());
  }

  public String job() {
    return search + "-trainer";
  }

  /** The Job of the evaluation stage. */
  public String evaluationJob() {
    return search + "-evaluate";
  }

  public String specConfigMap() {
    return search + "-spec";
  }

  public String progressConfigMap() {
    return search + "-progress";
  }

  public String checkpointClaim() {
    return search + "-checkpoints";
  }

  public String serviceAccount() {
    return search + "-trainer";
  }
}
