package io.zarts.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import java.net.HttpURLConnection;
import java.util.HashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A create that answers 409: the object exists, but the informers, which select by the
 * zarts.io/search label, do not show it, because someone removed that label (or the cache has not
 * seen the object yet). The stored object is read and, if it is this search's ({@link Ownership}),
 * handed over to be put back, label included; anyone else's is an {@link
 * OwnedObjectConflictException} and is not written to.
 */
final class Adoption {

  private Adoption() {}

  static <R extends HasMetadata> R createOrAdopt(
      KubernetesClient client,
      ArchitectureSearch search,
      R desired,
      Supplier<R> create,
      UnaryOperator<R> putBack) {
    try {
      return create.get();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      R stored = client.resource(desired).get();
      if (stored == null) {
        // Deleted again since: the next pass creates it.
        throw e;
      }
      return putBack.apply(Ownership.require(search, stored));
    }
  }

  /** Whether the actual object carries every label of the desired one. */
  static boolean labelsKept(HasMetadata desired, HasMetadata actual) {
    return actual.getMetadata().getLabels() != null
        && actual
            .getMetadata()
            .getLabels()
            .entrySet()
            .containsAll(desired.getMetadata().getLabels().entrySet());
  }

  /** The actual object with the desired labels added back. */
  static <R extends HasMetadata> R putLabels(HasMetadata desired, R actual) {
    if (actual.getMetadata().getLabels() == null) {
      actual.getMetadata().setLabels(new HashMap<>());
    }
    actual.getMetadata().getLabels().putAll(desired.getMetadata().getLabels());
    return actual;
  }
}
