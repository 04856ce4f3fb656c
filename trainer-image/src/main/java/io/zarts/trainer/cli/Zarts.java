package io.zarts.trainer.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The zarts command: run a search from an ArchitectureSearch file, inspect its genotype. */
@Command(
    name = "zarts",
    mixinStandardHelpOptions = true,
    version = "zarts 0.1.0",
    description =
        "ZARTS neural architecture search: the same ArchitectureSearch file you kubectl apply, run here.",
    subcommands = {
      SearchCommand.class,
      EvaluateCommand.class,
      PredictCommand.class,
      GenotypeCommand.class,
      AlphasCommand.class,
      ValidateCommand.class,
      CompareCommand.class,
      EngineCommand.class,
      BenchCommand.class
    })
public final class Zarts {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (tests call this instead of main). */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /**
   * Runs with the given standard output and error, and flushes both before it returns (main exits
   * right after).
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    try {
      return execute(out, err, args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Zarts()).setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(out);
    cli.setErr(err);
    // Usage errors (unknown option, missing file argument) are configuration errors too.
    cli.setParameterExceptionHandler(
        (e, a) -> {
          e.getCommandLine().getErr().println("error: " + e.getMessage());
          e.getCommandLine().usage(e.getCommandLine().getErr());
          return ExitCodes.INVALID_CONFIG;
        });
    // Whatever a command does not handle itself still ends as one line first, then the trace.
    cli.setExecutionExceptionHandler(
        (e, commandLine, parsed) -> {
          if (e instanceof RuntimeException r) {
            return Failure.report(r, commandLine.getErr());
          }
          throw e;
        });
    return cli.execute(args);
  }
}
