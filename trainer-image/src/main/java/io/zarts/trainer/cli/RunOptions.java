package io.zarts.trainer.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.v1alpha1.ArchitectureSearchSpec;
import io.zarts.api.v1alpha1.DataVolume;
import io.zarts.trainer.devices.DevicePool;
import io.zarts.trainer.devices.EngineBuild;
import io.zarts.trainer.devices.GpuRequirement;
import io.zarts.trainer.output.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every command that trains shares (search and evaluate): where results and data are,
 * device and threads, the termination log, metrics and the progress bar; and what they resolve to
 * for a resource.
 */
final class RunOptions {

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "runs",
      description = "Results and checkpoints go to DIR/<name>/ (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--output-dir",
      paramLabel = "DIR",
      description =
          "Results and checkpoints go to exactly DIR (the trainer pod uses /checkpoints).")
  Path outputDir;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      defaultValue = "${env:ZARTS_DATA_DIR:-data}",
      description =
          "The folder standing for the dataset claim; spec.dataset.volume.subPath is resolved inside it"
              + " (default: $ZARTS_DATA_DIR or ./data).")
  Path data;

  @Option(
      names = "--device",
      paramLabel = "auto|cpu|gpu",
      description = "Overrides spec.trainer.device.")
  io.zarts.api.v1alpha1.Device device;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "CPU threads; overrides spec.trainer.threads" + " (0 = one per core).")
  Integer threads;

  @Option(
      names = "--termination-log",
      paramLabel = "FILE",
      defaultValue = "${env:ZARTS_TERMINATION_LOG:-/dev/termination-log}",
      description =
          "Where to write the exit summary (default: ${DEFAULT-VALUE}; skipped when absent).")
  Path terminationLog;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      defaultValue = "${env:ZARTS_METRICS_PORT:--1}",
      description =
          "Serve Prometheus metrics on :PORT/metrics (the pod uses 9400); -1 (default here) is off.")
  int metricsPort;

  @Option(names = "--quiet", description = "No progress bar; only the result.")
  boolean quiet;

  /** The results folder of a search: exactly --output-dir, or --out/NAME. */
  Path resultDir(ArchitectureSearch search) {
    return outputDir != null ? outputDir : out.resolve(search.getMetadata().getName());
  }

  /**
   * The device: --device, else spec.trainer.device. A search that asks for GPUs gets them or stops
   * here (NoGpuException): it never falls back to the CPU.
   */
  Device device(ArchitectureSearchSpec s) {
    io.zarts.api.v1alpha1.Device wanted = device != null ? device : s.getTrainer().getDevice();
    GpuRequirement required = GpuRequirement.of(wanted, requestedGpus(s));
    if (required != null) {
      required.check(EngineBuild.current());
    }
    return resolveDevice(wanted);
  }

  private static int requestedGpus(ArchitectureSearchSpec s) {
    return s.getResources().getGpus() == null ? 0 : s.getResources().getGpus();
  }

  /**
   * The candidate workers' devices: every visible GPU, or CPU workers (workers if not null, else
   * spec.trainer.candidateWorkers) of --threads / spec.trainer.threads threads each.
   */
  DevicePool devices(ArchitectureSearchSpec s, Integer workers) {
    return devicePool(
        device(s),
        workers != null ? workers : s.getTrainer().getCandidateWorkers(),
        engineThreads(threads != null ? threads : s.getTrainer().getThreads()),
        requestedGpus(s));
  }

  /** The pool on this host: the GPUs the engine sees, the CPUs the JVM may use. */
  static DevicePool devicePool(Device primary, int workers, int threads, int requestedGpus) {
    DevicePool.Host host = new DevicePool.Host(Engine.getInstance().getGpuCount(), cpus());
    return DevicePool.resolve(primary, workers, threads, requestedGpus, host);
  }

  /** Sets the engine's threads: --threads, else spec.trainer.threads. */
  void configureThreads(ArchitectureSearchSpec s) {
    configureThreads(threads != null ? threads : s.getTrainer().getThreads());
  }

  /** The engine's intra-op threads for a requested count: 0 is one per CPU the JVM sees. */
  static int engineThreads(int requested) {
    return requested > 0 ? requested : Runtime.getRuntime().availableProcessors();
  }

  /** DJL reads its thread settings once, when the engine starts: they must be set before. */
  static void configureThreads(int requested) {
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(engineThreads(requested)));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    // Never download at run time, unless the command line says otherwise (the image build fetches
    // the CUDA engine with -Dai.djl.offline=false).
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
  }

  /**
   * The CPUs the default number of CPU candidate workers is sized by: the JVM's count (the node's
   * cores, or the CPU limit), lowered to the pod's CPU request when the operator passes it in
   * ZARTS_CPUS. Thread counts are not capped by it.
   */
  static int cpus() {
    return cpus(Runtime.getRuntime().availableProcessors(), System.getenv("ZARTS_CPUS"));
  }

  static int cpus(int available, String requested) {
    if (requested == null || requested.isBlank()) {
      return available;
    }
    try {
      int n = Integer.parseInt(requested.trim());
      return n > 0 ? Math.min(available, n) : available;
    } catch (NumberFormatException e) {
      return available;
    }
  }

  Path dataDir(ArchitectureSearchSpec s) {
    return dataDir(data, s);
  }

  /**
   * The dataset's folder for the claim folder data: data itself, or dataset.volume.subPath in it.
   */
  static Path dataDir(Path data, ArchitectureSearchSpec s) {
    if (!s.getDataset().getName().needsFiles()) {
      return null;
    }
    DataVolume volume = s.getDataset().getVolume();
    Path dir = volume.getSubPath() == null ? data : data.resolve(volume.getSubPath());
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          "spec.dataset.volume: dataset folder "
              + dir
              + " not found; put the "
              + Json.MAPPER.convertValue(s.getDataset().getName(), String.class)
              + " files there or pass --data DIR (the folder that"
              + " stands for claim "
              + volume.getClaimName()
              + ")");
    }
    return dir;
  }

  static Device resolveDevice(io.zarts.api.v1alpha1.Device wanted) {
    int gpus = wanted == io.zarts.api.v1alpha1.Device.CPU ? 0 : Engine.getInstance().getGpuCount();
    return switch (wanted) {
      case CPU -> Device.cpu();
      case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
      case GPU -> {
        if (gpus == 0) {
          throw new IllegalArgumentException(
              "spec.trainer.device: gpu requested but no GPU is visible; use auto" + " or cpu");
        }
        yield Device.gpu();
      }
    };
  }
}
