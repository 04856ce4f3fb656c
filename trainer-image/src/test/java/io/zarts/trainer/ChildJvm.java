package io.zarts.trainer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts test programs in a JVM of their own, with the test class path and the engine settings of
 * the tests.
 */
public final class ChildJvm {

  private ChildJvm() {}

  /**
   * java [jvmOptions] -cp ... (engine settings) mainClass [args]; one thread, offline, the tests'
   * DJL cache.
   */
  public static ProcessBuilder of(List<String> jvmOptions, String mainClass, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "-Dai.djl.offline=true",
            "-Dai.djl.pytorch.num_threads=1",
            "-Dai.djl.pytorch.num_interop_threads=1",
            "-DDJL_CACHE_DIR="
                + System.getProperty("DJL_CACHE_DIR", System.getProperty("user.home") + "/.djl.ai"),
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
            mainClass));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
    for (String hook :
        new String[] {"ZARTS_FAULT_HALT_AT", "ZARTS_FAULT_PAUSE_AT", "ZARTS_FAULT_TRACE"}) {
      pb.environment().remove(hook);
    }
    return pb;
  }
}
