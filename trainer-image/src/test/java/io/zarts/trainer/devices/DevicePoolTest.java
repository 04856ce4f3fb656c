package io.zarts.trainer.devices;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class DevicePoolTest {

  @Test
  void everyVisibleGpuIsAWorker() {
    // fewer GPUs than requested stops the trainer before a pool is made (GpuRequirementTest)
    DevicePool pool = DevicePool.resolve(Device.gpu(), 0, 0, 2, new DevicePool.Host(2, 32));
    assertThat(pool.devices()).containsExactly(Device.gpu(0), Device.gpu(1));
    assertThat(pool.names()).containsExactly("gpu:0", "gpu:1");
    assertThat(pool.warnings()).isEmpty();
  }

  @Test
  void asManyGpusAsRequestedGiveNoWarningAndCandidateWorkersCapsThem() {
    assertThat(DevicePool.resolve(Device.gpu(), 0, 0, 8, new DevicePool.Host(8, 64)).warnings())
        .isEmpty();
    DevicePool capped = DevicePool.resolve(Device.gpu(), 3, 0, 8, new DevicePool.Host(8, 64));
    assertThat(capped.names()).containsExactly("gpu:0", "gpu:1", "gpu:2");
    assertThat(capped.describe()).isEqualTo("3 candidate workers: gpu:0, gpu:1, gpu:2");
    DevicePool more = DevicePool.resolve(Device.gpu(), 4, 0, 2, new DevicePool.Host(2, 64));
    assertThat(more.size()).isEqualTo(2);
    assertThat(more.warnings()).singleElement().asString().contains("more than the 2 visible GPUs");
  }

  @Test
  void cpuWorkersDefaultToTheCoresOverTheThreadsPerWorker() {
    DevicePool pool = DevicePool.resolve(Device.cpu(), 0, 1, 0, new DevicePool.Host(0, 2));
    assertThat(pool.names()).containsExactly("cpu:0", "cpu:1");
    assertThat(pool.threadsPerWorker()).isEqualTo(1);
    assertThat(pool.warnings()).isEmpty();
    assertThat(pool.describe()).isEqualTo("2 candidate workers: cpu:0, cpu:1 (1 thread each)");
    // threads 0 is one per core: all of them for one worker, as before workers existed
    assertThat(DevicePool.resolve(Device.cpu(), 0, 0, 0, new DevicePool.Host(0, 8)).size())
        .isEqualTo(1);
    assertThat(DevicePool.resolve(Device.cpu(), 0, 3, 0, new DevicePool.Host(0, 8)).size())
        .isEqualTo(2);
    assertThat(DevicePool.resolve(Device.cpu(), 0, 16, 0, new DevicePool.Host(0, 8)).size())
        .isEqualTo(1);
  }

  @Test
  void moreCpuThreadsThanCoresAndGpusRequestedButNoneVisibleAreWarned() {
    DevicePool over = DevicePool.resolve(Device.cpu(), 4, 1, 0, new DevicePool.Host(0, 2));
    assertThat(over.size()).isEqualTo(4);
    assertThat(over.warnings())
        .singleElement()
        .asString()
        .contains("trainer.candidateWorkers x trainer.threads: 4 workers x 1 threads each")
        .contains("2 CPUs");
    // threads 0 is one per CPU: a count of workers given with it says so
    assertThat(DevicePool.resolve(Device.cpu(), 2, 0, 0, new DevicePool.Host(0, 2)).warnings())
        .singleElement()
        .asString()
        .contains("2 workers x 2 threads each (trainer.threads 0 is one per CPU)");
    // more threads than CPUs for the one default worker is the user's choice, not a worker count's
    assertThat(DevicePool.resolve(Device.cpu(), 0, 8, 0, new DevicePool.Host(0, 2)).warnings())
        .isEmpty();
    DevicePool noGpu = DevicePool.resolve(Device.cpu(), 0, 1, 1, new DevicePool.Host(0, 2));
    assertThat(noGpu.warnings())
        .singleElement()
        .asString()
        .contains("asks for 1 GPUs but the trainer sees none");
  }

  @Test
  void aloneKeepsThePrimaryAndSaysWhy() {
    DevicePool pool = DevicePool.resolve(Device.cpu(), 4, 1, 0, new DevicePool.Host(0, 2));
    assertThat(pool.warnings()).hasSize(1);
    DevicePool alone = pool.alone("the noise operation");
    assertThat(alone.names()).containsExactly("cpu:0");
    // one worker no longer oversubscribes the CPUs: only the reason remains
    assertThat(alone.warnings()).containsExactly("the noise operation");
    assertThat(pool.alone().warnings()).isEmpty();
    DevicePool fewerGpus = DevicePool.resolve(Device.gpu(), 0, 0, 4, new DevicePool.Host(2, 8));
    assertThat(fewerGpus.alone().warnings()).isEqualTo(fewerGpus.warnings());
  }
}
