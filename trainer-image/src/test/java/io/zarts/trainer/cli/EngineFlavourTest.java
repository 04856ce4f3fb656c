package io.zarts.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image build's engine step (`zarts engine --require ...`, trainer-image/Dockerfile) with each
 * flavour's class path: the cuda flavour has no CPU native jar and can only get its engine by
 * download, so where it cannot download the step fails with a clear message instead of leaving a
 * CPU engine in the image.
 */
class EngineFlavourTest {

  /** Shared by the tests whose class path holds the CPU jar: libtorch is extracted once. */
  @TempDir static Path cpuCache;

  @TempDir Path emptyCache;

  record Result(int code, String out, String err) {}

  /** The test class path less DJL's CPU native jar: what the cuda image carries. */
  static String cudaClassPath() {
    String all = System.getProperty("java.class.path");
    List<String> kept =
        Arrays.stream(all.split(File.pathSeparator))
            .filter(
                entry -> !Path.of(entry).getFileName().toString().startsWith("pytorch-native-cpu"))
            .toList();
    assertThat(kept).hasSizeLessThan(all.split(File.pathSeparator).length);
    return String.join(File.pathSeparator, kept);
  }

  /** The engine step as the image build runs it: downloads allowed, an empty engine cache. */
  Result engineStep(Path cache, String classPath, String flavour, String require) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(
        List.of(
            "-cp",
            classPath,
            "-Dai.djl.offline=false",
            // "No way to download", made certain: every HTTPS request goes to a closed port.
            "-Dhttps.proxyHost=127.0.0.1",
            "-Dhttps.proxyPort=" + closedPort(),
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
            Zarts.class.getName(),
            "engine",
            "--require",
            require));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("DJL_CACHE_DIR", cache.toString());
    pb.environment().put("ENGINE_CACHE_DIR", cache.toString());
    pb.environment().remove("PYTORCH_LIBRARY_PATH");
    if (flavour == null) {
      pb.environment().remove("PYTORCH_FLAVOR");
    } else {
      pb.environment().put("PYTORCH_FLAVOR", flavour);
    }
    Path out = Files.createTempFile(cache, "engine", ".out");
    Path err = Files.createTempFile(cache, "engine", ".err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("engine step ended").isTrue();
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** The libtorch folders the step left in the engine cache. */
  static List<String> extractedEngines(Path cache) throws IOException {
    Path pytorch = cache.resolve("pytorch");
    if (!Files.isDirectory(pytorch)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(pytorch)) {
      return dirs.filter(Files::isDirectory)
          .map(d -> d.getFileName().toString())
          .filter(n -> !n.startsWith("tmp"))
          .collect(Collectors.toList());
    }
  }

  @Test
  void theCudaFlavourWithoutADownloadFailsTheBuildAndLeavesNoCpuEngine() throws Exception {
    Result r = engineStep(emptyCache, cudaClassPath(), "cu128", "cuda");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.INVALID_CONFIG);
    assertThat(r.out()).doesNotContain("engine PyTorch");
    assertThat(r.err())
        .contains("error: --require cuda: the PyTorch engine could not be loaded: ")
        .contains("PYTORCH_FLAVOR=cu128")
        .contains("Maven Central does not serve")
        .contains("https://publish.djl.ai");
    assertThat(extractedEngines(emptyCache)).noneMatch(name -> name.contains("-cpu-"));
  }

  @Test
  void theCpuNativeJarOnTheClassPathIsTakenWhateverTheFlavourSoTheCudaCheckRefusesIt()
      throws Exception {
    // What the cuda image used to be: PYTORCH_FLAVOR set, the CPU jar still there, DJL takes it.
    Result r = engineStep(cpuCache, System.getProperty("java.class.path"), "cu128", "cuda");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.INVALID_CONFIG);
    assertThat(r.err())
        .contains("error: --require cuda: the engine loaded a CPU-only libtorch from ")
        .contains("CPU native jar is on the class path");
  }

  @Test
  void theCpuFlavourExtractsTheBundledEngineWithoutADownload() throws Exception {
    Result r = engineStep(cpuCache, System.getProperty("java.class.path"), null, "cpu");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("engine PyTorch ").contains("(CPU-only build, ");
    assertThat(extractedEngines(cpuCache)).singleElement().asString().contains("-cpu-linux-x86_64");
  }
}
