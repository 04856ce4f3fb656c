package io.zarts.trainer.devices;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which libtorch the PyTorch engine loaded: its folder, whether it is a CUDA build, and how many
 * GPUs it sees. A CUDA build is told by its libraries, not by a visible GPU, so that an image build
 * (which has no GPU) can check it.
 *
 * @param libtorch the folder the engine loaded libtorch from
 * @param cuda whether that libtorch is a CUDA build (it ships libtorch_cuda)
 * @param visibleGpus the GPUs the engine sees now
 */
public record EngineBuild(Path libtorch, boolean cuda, int visibleGpus) {

  /** The library only a CUDA build of libtorch has. */
  static final String CUDA_LIBRARY = "libtorch_cuda.so";

  /** The running engine (loads it when it is not loaded yet). */
  public static EngineBuild current() {
    Engine engine = Engine.getEngine("PyTorch");
    Path dir = Path.of(LibUtils.getLibtorchPath());
    return new EngineBuild(dir, isCudaBuild(dir), engine.getGpuCount());
  }

  static boolean isCudaBuild(Path libtorchDir) {
    return Files.exists(libtorchDir.resolve(CUDA_LIBRARY));
  }

  /** "CUDA" or "CPU-only", for messages. */
  public String kind() {
    return cuda ? "CUDA" : "CPU-only";
  }
}
