package io.zarts.trainer.devices;

import io.zarts.api.v1alpha1.Device;

/**
 * Whether a search needs GPUs, and the check that the engine can give them: a search that asked for
 * GPUs never falls back to the CPU.
 *
 * @param field the resource field that asks, for messages
 * @param gpus how many GPUs are asked for (at least 1 when the requirement applies)
 */
public record GpuRequirement(String field, int gpus) {

  static final String GPUS_FIELD = "spec.resources.gpus";

  /**
   * What a search asks for: trainer.device gpu (or --device gpu), or resources.gpus above 0 with
   * the device left to auto. An explicit cpu device asks for none, whatever the pod requests.
   *
   * @return null when no GPU is asked for
   */
  public static GpuRequirement of(Device device, int requestedGpus) {
    if (device == Device.CPU) {
      return null;
    }
    if (requestedGpus > 0) {
      return new GpuRequirement(GPUS_FIELD, requestedGpus);
    }
    return device == Device.GPU ? new GpuRequirement("spec.trainer.device", 1) : null;
  }

  /**
   * Throws when the engine cannot give what is asked.
   *
   * @throws NoGpuException naming which: a CPU-only engine, no GPU visible, or fewer than asked
   */
  public void check(EngineBuild engine) {
    String asks =
        field.equals(GPUS_FIELD)
            ? field + " asks for " + gpus + (gpus == 1 ? " GPU" : " GPUs")
            : field + ": gpu asks for a GPU";
    if (!engine.cuda()) {
      throw new NoGpuException(
          NoGpuException.Cause.CPU_ONLY_ENGINE,
          asks
              + " but this trainer's PyTorch engine is a CPU-only build ("
              + engine.libtorch()
              + "); run the cuda trainer image (chart value trainer.image.flavor: cuda) or, for a"
              + " CPU search, set spec.resources.gpus: 0 (zarts search: --device cpu)");
    }
    if (engine.visibleGpus() == 0) {
      throw new NoGpuException(
          NoGpuException.Cause.NO_GPU_VISIBLE,
          asks
              + " but the CUDA engine sees no GPU; check the node's NVIDIA driver and device"
              + " plugin (nvidia.com/gpu) and CUDA_VISIBLE_DEVICES, or, for a CPU search, set"
              + " spec.resources.gpus: 0 (zarts search: --device cpu)");
    }
    if (engine.visibleGpus() < gpus) {
      throw new NoGpuException(
          NoGpuException.Cause.FEWER_THAN_REQUESTED,
          asks
              + " but the engine sees "
              + engine.visibleGpus()
              + "; check the node's device plugin and CUDA_VISIBLE_DEVICES, or lower "
              + field);
    }
  }
}
