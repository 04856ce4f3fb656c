package io.zarts.trainer.cli;

import ai.djl.Device;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.zarts.api.v1alpha1.Algorithm;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.api.validation.ArchitectureSearchFiles;
import io.zarts.api.validation.ArchitectureSearchValidator;
import io.zarts.trainer.alpha.AlphaUpdate;
import io.zarts.trainer.train.SearchListener;
import io.zarts.trainer.train.SearchLoop;
import io.zarts.trainer.train.SearchOptions;
import io.zarts.trainer.train.SearchResult;
import io.zarts.trainer.train.SearchSession;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs one resource with several alpha strategies and seeds and prints a comparison table. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description =
        "Run an ArchitectureSearch file once per algorithm and seed; print final accuracy, alpha-update"
            + " time and genotype as a Markdown table.")
final class CompareCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE")
  Path file;

  @Option(
      names = "--algorithms",
      split = ",",
      defaultValue = "darts,mgs,rs,gld",
      description = "Comma-separated algorithms (default: ${DEFAULT-VALUE}).")
  List<Algorithm> algorithms;

  @Option(
      names = "--seeds",
      defaultValue = "3",
      description = "Seeds 0..N-1 per algorithm (default: 3).")
  int seeds;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = "${env:ZARTS_DATA_DIR:-data}")
  Path data;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/compare")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    try {
      ArchitectureSearchValidator validator = ArchitectureSearchValidator.bundled();
      ArchitectureSearch base = ArchitectureSearchFiles.load(file, validator);
      RunOptions.configureThreads(base.getSpec().getTrainer().getThreads());
      stdout.println(
          "| algorithm | seed | final valid acc | best valid acc | alpha updates | s per alpha update"
              + " | s total | genotype (normal cell) |");
      stdout.println("|---|---|---|---|---|---|---|---|");
      for (Algorithm algorithm : algorithms) {
        for (int seed = 0; seed < seeds; seed++) {
          ArchitectureSearch run = validator.validated(variant(base, algorithm, seed));
          double[] alphaSeconds = {0, 0};
          SearchResult result;
          try (SearchSession session =
              SearchSession.open(
                  run,
                  new SearchOptions(
                      data, out.resolve(run.getMetadata().getName()), Device.cpu()))) {
            result =
                new SearchLoop(
                        session,
                        new SearchListener() {
                          @Override
                          public void onAlphaUpdate(int epoch, int step, AlphaUpdate update) {
                            alphaSeconds[0] += update.seconds();
                            alphaSeconds[1]++;
                          }
                        })
                    .run(0);
          }
          stdout.printf(
              "| %s | %d | %.3f | %.3f | %d | %.3f | %.1f | `%s` |%n",
              algorithm.name().toLowerCase(),
              seed,
              result.lastEpoch().validAccuracy(),
              result.bestValidAccuracy(),
              (int) alphaSeconds[1],
              alphaSeconds[1] == 0 ? 0 : alphaSeconds[0] / alphaSeconds[1],
              result.seconds(),
              result.genotype().getNormal());
          stdout.flush();
        }
      }
      return ExitCodes.OK;
    } catch (RuntimeException e) {
      return Failure.report(e, spec.commandLine().getErr());
    }
  }

  private static ArchitectureSearch variant(
      ArchitectureSearch base, Algorithm algorithm, int seed) {
    ArchitectureSearch copy = Serialization.clone(base);
    copy.getMetadata()
        .setName(base.getMetadata().getName() + "-" + algorithm.name().toLowerCase() + "-" + seed);
    copy.getSpec().getOptimizer().setAlgorithm(algorithm);
    copy.getSpec().getTraining().setSeed((long) seed);
    return copy;
  }
}
