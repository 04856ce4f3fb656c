package io.zarts.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * An informer cache that keeps objects without metadata.managedFields: the operator writes without
 * server-side apply and never reads them, and they are often the largest part of a small object (a
 * pod's, a Job's, an event's), kept for every search and, on standbys, too.
 */
public final class TrimmedItemStore<R extends HasMetadata> extends BasicItemStore<R> {

  public TrimmedItemStore() {
    super(Cache::metaNamespaceKeyFunc);
  }

  @Override
  public R put(String key, R obj) {
    obj.getMetadata().setManagedFields(null);
    return super.put(key, obj);
  }
}
