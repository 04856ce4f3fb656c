package io.zarts.trainer.devices;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;

/**
 * The devices a search evaluates its alpha-update candidates on, one worker each: every visible
 * GPU, or on a CPU a number of workers sharing the cores, each with its own intra-op thread budget.
 * The first is the primary device, where the weights live and the weight steps run. Warnings say
 * where the pool differs from what the resource asked for; they are logged and reported, never
 * silent.
 */
public record DevicePool(List<Device> devices, int threadsPerWorker, List<String> warnings) {

  public DevicePool {
    if (devices.isEmpty()) {
      throw new IllegalArgumentException("a device pool needs at least one device");
    }
    devices = List.copyOf(devices);
    warnings = List.copyOf(warnings);
  }

  /** One worker on one device (tests, benchmarks, the evaluation stage). */
  public static DevicePool single(Device device) {
    return new DevicePool(List.of(device), 0, List.of());
  }

  /** What the engine and the container offer, as resolve reads them. */
  public record Host(int visibleGpus, int cores) {}

  /**
   * The pool for a search.
   *
   * @param primary the device the search runs on (trainer.device resolved)
   * @param candidateWorkers trainer.candidateWorkers (or --workers): 0 picks the default
   * @param threads trainer.threads (or --threads): 0 is one per core
   * @param requestedGpus resources.gpus, what the pod asked the scheduler for
   */
  public static DevicePool resolve(
      Device primary, int candidateWorkers, int threads, int requestedGpus, Host host) {
    int threadsPerWorker = threads > 0 ? threads : host.cores();
    List<String> warnings = new ArrayList<>();
    List<Device> devices = new ArrayList<>();
    if (primary.isGpu()) {
      // fewer GPUs than resources.gpus never gets here: GpuRequirement stops the trainer first
      if (candidateWorkers > host.visibleGpus()) {
        warnings.add(
            "trainer.candidateWorkers "
                + candidateWorkers
                + " is more than the "
                + host.visibleGpus()
                + " visible GPUs; one worker per GPU");
      }
      int gpus =
          candidateWorkers > 0
              ? Math.min(candidateWorkers, host.visibleGpus())
              : host.visibleGpus();
      for (int i = 0; i < gpus; i++) {
        devices.add(Device.gpu(i));
      }
      return new DevicePool(devices, threadsPerWorker, warnings);
    }
    if (requestedGpus > 0 && host.visibleGpus() == 0) {
      warnings.add(
          "spec.resources.gpus asks for "
              + requestedGpus
              + " GPUs but the trainer sees none; the search runs on the CPU (check the node's"
              + " GPU device plugin, or set resources.gpus: 0 for a CPU search)");
    }
    int workers =
        candidateWorkers > 0 ? candidateWorkers : Math.max(1, host.cores() / threadsPerWorker);
    if (workers > 1 && workers * threadsPerWorker > host.cores()) {
      warnings.add(
          OVERSUBSCRIBED
              + workers
              + " workers x "
              + threadsPerWorker
              + " threads each"
              + (threads > 0 ? "" : " (trainer.threads 0 is one per CPU)")
              + " is more threads than the "
              + host.cores()
              + " CPUs the trainer may use; the workers will contend (lower candidateWorkers or"
              + " set trainer.threads)");
    }
    for (int i = 0; i < workers; i++) {
      devices.add(primary);
    }
    return new DevicePool(devices, threadsPerWorker, warnings);
  }

  /** How a warning about more worker threads than CPUs begins (it no longer applies alone). */
  static final String OVERSUBSCRIBED = "trainer.candidateWorkers x trainer.threads: ";

  /** Only the primary (gradient strategies have no candidates to spread). */
  public DevicePool alone() {
    List<String> kept = warnings.stream().filter(w -> !w.startsWith(OVERSUBSCRIBED)).toList();
    return new DevicePool(List.of(primary()), threadsPerWorker, kept);
  }

  /** Only the primary, with the reason it cannot spread added to the warnings. */
  public DevicePool alone(String reason) {
    List<String> more = new ArrayList<>(alone().warnings());
    more.add(reason);
    return new DevicePool(List.of(primary()), threadsPerWorker, more);
  }

  public Device primary() {
    return devices.get(0);
  }

  public int size() {
    return devices.size();
  }

  /** A stable, distinct name per worker, e.g. gpu:1 or cpu:0 (metric labels, status). */
  public String name(int worker) {
    Device d = devices.get(worker);
    return d.isGpu() ? "gpu:" + d.getDeviceId() : "cpu:" + worker;
  }

  /** Every worker's name, in order. */
  public List<String> names() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < size(); i++) {
      out.add(name(i));
    }
    return out;
  }

  /** One line for logs: "2 candidate workers: cpu:0, cpu:1 (1 thread each)". */
  public String describe() {
    String line =
        size()
            + (size() == 1 ? " candidate worker: " : " candidate workers: ")
            + String.join(", ", names());
    if (threadsPerWorker <= 0 || primary().isGpu()) {
      return line;
    }
    return line
        + " ("
        + threadsPerWorker
        + (threadsPerWorker == 1 ? " thread" : " threads")
        + " each)";
  }
}
