package io.zarts.trainer.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zarts.api.v1alpha1.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuRequirementTest {

  static final EngineBuild CPU_ENGINE =
      new EngineBuild(Path.of("/opt/djl-cache/pytorch/2.7.1-cpu-linux-x86_64"), false, 0);

  @Test
  void gpusOrADeviceOfGpuAskAndAnExplicitCpuDeviceNever() {
    assertThat(GpuRequirement.of(Device.AUTO, 2))
        .isEqualTo(new GpuRequirement("spec.resources.gpus", 2));
    assertThat(GpuRequirement.of(Device.GPU, 0))
        .isEqualTo(new GpuRequirement("spec.trainer.device", 1));
    assertThat(GpuRequirement.of(Device.GPU, 4).gpus()).isEqualTo(4);
    assertThat(GpuRequirement.of(Device.AUTO, 0)).isNull();
    assertThat(GpuRequirement.of(Device.CPU, 1)).isNull();
  }

  @Test
  void eachMissingPieceIsNamed() {
    GpuRequirement two = GpuRequirement.of(Device.AUTO, 2);
    assertThatThrownBy(() -> two.check(CPU_ENGINE))
        .isInstanceOfSatisfying(
            NoGpuException.class,
            e -> assertThat(e.cause()).isEqualTo(NoGpuException.Cause.CPU_ONLY_ENGINE))
        .hasMessageStartingWith(
            "CPU-only engine in the image: spec.resources.gpus asks for 2 GPUs but this trainer's"
                + " PyTorch engine is a CPU-only build (/opt/djl-cache/pytorch/2.7.1-cpu");
    EngineBuild cudaNoGpu = new EngineBuild(Path.of("/opt/cu"), true, 0);
    assertThatThrownBy(() -> two.check(cudaNoGpu))
        .isInstanceOfSatisfying(
            NoGpuException.class,
            e -> assertThat(e.cause()).isEqualTo(NoGpuException.Cause.NO_GPU_VISIBLE))
        .hasMessageStartingWith("no GPU visible: spec.resources.gpus asks for 2 GPUs but the CUDA")
        .hasMessageContaining("device plugin");
    EngineBuild oneGpu = new EngineBuild(Path.of("/opt/cu"), true, 1);
    assertThatThrownBy(() -> two.check(oneGpu))
        .isInstanceOfSatisfying(
            NoGpuException.class,
            e -> assertThat(e.cause()).isEqualTo(NoGpuException.Cause.FEWER_THAN_REQUESTED))
        .hasMessageStartingWith(
            "fewer GPUs visible than requested: spec.resources.gpus asks for 2 GPUs but the"
                + " engine sees 1");
    two.check(new EngineBuild(Path.of("/opt/cu"), true, 2));
    GpuRequirement.of(Device.GPU, 0).check(oneGpu);
  }

  @Test
  void aCudaBuildIsToldByItsLibrariesNotByAGpu(@TempDir Path dir) throws IOException {
    assertThat(EngineBuild.isCudaBuild(dir)).isFalse();
    Files.createFile(dir.resolve("libtorch_cuda.so"));
    assertThat(EngineBuild.isCudaBuild(dir)).isTrue();
  }

  @Test
  void theEngineOfTheTestsIsTheBundledCpuBuild() {
    EngineBuild engine = EngineBuild.current();
    assertThat(engine.cuda()).isFalse();
    assertThat(engine.kind()).isEqualTo("CPU-only");
    assertThat(engine.libtorch().getFileName().toString()).contains("-cpu-");
  }
}
