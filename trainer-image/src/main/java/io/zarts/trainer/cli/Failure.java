package io.zarts.trainer.cli;

import io.zarts.api.validation.ValidationException;
import io.zarts.api.validation.Violation;
import io.zarts.trainer.checkpoint.CheckpointException;
import io.zarts.trainer.data.DataFormatException;
import java.io.PrintWriter;

/** Maps what went wrong to an exit code and a clear message (one line per problem). */
final class Failure {

  private Failure() {}

  static int report(RuntimeException e, PrintWriter err) {
    if (e instanceof ValidationException v) {
      for (Violation violation : v.getViolations()) {
        err.println("error: " + violation);
      }
      return ExitCodes.INVALID_CONFIG;
    }
    if (e instanceof CheckpointException) {
      err.println("error: " + e.getMessage());
      return ExitCodes.UNRECOVERABLE;
    }
    if (e instanceof DataFormatException d) {
      err.println("error: " + d.getMessage());
      return d.missing() ? ExitCodes.INVALID_CONFIG : ExitCodes.UNRECOVERABLE;
    }
    if (e instanceof IllegalArgumentException) {
      err.println("error: " + e.getMessage());
      return ExitCodes.INVALID_CONFIG;
    }
    err.println("error: " + e);
    e.printStackTrace(err);
    return ExitCodes.INTERNAL;
  }
}
