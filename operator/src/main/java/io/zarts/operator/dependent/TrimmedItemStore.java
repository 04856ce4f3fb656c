package io.zarts.operator.dependent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * An informer cache that keeps objects without metadata.managedFields: the operator writes without
 * server-side apply and never reads them, and they are often the largest part of a small object (a
 * pod's, a Job's, an event's), kept for every search and, on standbys, too. An informer whose
 * server-side selector cannot say exactly what the operator reads (events, which carry no labels)
 * also names what to keep: the rest is never cached.
 */
public final class TrimmedItemStore<R extends HasMetadata> extends BasicItemStore<R> {

  private final Predicate<R> keep;
  private final Consumer<R> trim;

  public TrimmedItemStore() {
    this(r -> true);
  }

  public TrimmedItemStore(Predicate<R> keep) {
    this(keep, r -> {});
  }

  private TrimmedItemStore(Predicate<R> keep, Consumer<R> trim) {
    super(Cache::metaNamespaceKeyFunc);
    this.keep = keep;
    this.trim = trim;
  }

  /**
   * Trainer Jobs without their pod template: the operator reads a Job's metadata, status and
   * spec.suspend only, and the template (the trainer's whole pod spec) was its largest part.
   */
  public static TrimmedItemStore<Job> forJobs() {
    return new TrimmedItemStore<>(
        r -> true,
        job -> {
          if (job.getSpec() != null) {
            job.getSpec().setTemplate(null);
          }
        });
  }

  /**
   * Trainer pods with only the parts of their spec the status reads (the node, each container's
   * name and image); metadata and status stay whole.
   */
  public static TrimmedItemStore<Pod> forPods() {
    return new TrimmedItemStore<>(
        r -> true,
        pod -> {
          PodSpec spec = pod.getSpec();
          if (spec == null) {
            return;
          }
          PodSpec kept = new PodSpec();
          kept.setNodeName(spec.getNodeName());
          kept.setContainers(
              spec.getContainers() == null
                  ? null
                  : spec.getContainers().stream()
                      .map(
                          c -> {
                            Container slim = new Container();
                            slim.setName(c.getName());
                            slim.setImage(c.getImage());
                            return slim;
                          })
                      .toList());
          pod.setSpec(kept);
        });
  }

  @Override
  public R put(String key, R obj) {
    if (!keep.test(obj)) {
      // Not ours (any more): an update that turned an object into one not kept drops it too.
      return super.remove(key);
    }
    obj.getMetadata().setManagedFields(null);
    trim.accept(obj);
    return super.put(key, obj);
  }
}
