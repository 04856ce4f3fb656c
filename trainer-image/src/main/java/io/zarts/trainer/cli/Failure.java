package io.zarts.trainer.cli;

import io.zarts.api.validation.ValidationException;
import io.zarts.api.validation.Violation;
import io.zarts.trainer.checkpoint.CheckpointBusyException;
import io.zarts.trainer.checkpoint.CheckpointException;
import io.zarts.trainer.checkpoint.CheckpointMismatchException;
import io.zarts.trainer.checkpoint.CheckpointVolumeFullException;
import io.zarts.trainer.data.DataFormatException;
import io.zarts.trainer.devices.NoGpuException;
import java.io.PrintWriter;

/** Maps what went wrong to an exit code and a clear message (one line per problem). */
final class Failure {

  private Failure() {}

  /** The termination summary's reason for a failure: NoGPU names itself, the rest by code. */
  static String summaryReason(RuntimeException e, int code) {
    return e instanceof NoGpuException ? NoGpuException.REASON : ExitCodes.summaryReason(code);
  }

  static int report(RuntimeException e, PrintWriter err) {
    if (e instanceof ValidationException v) {
      for (Violation violation : v.getViolations()) {
        err.println("error: " + violation);
      }
      return ExitCodes.INVALID_CONFIG;
    }
    if (e instanceof CheckpointException) {
      err.println("error: " + e.getMessage());
      return e instanceof CheckpointBusyException
          ? ExitCodes.CHECKPOINT_BUSY
          : e instanceof CheckpointMismatchException
              ? ExitCodes.INVALID_CONFIG
              : e instanceof CheckpointVolumeFullException
                  ? ExitCodes.CHECKPOINT_VOLUME_FULL
                  : ExitCodes.UNRECOVERABLE;
    }
    if (e instanceof DataFormatException d) {
      err.println("error: " + d.getMessage());
      return d.missing() ? ExitCodes.INVALID_CONFIG : ExitCodes.UNRECOVERABLE;
    }
    if (e instanceof IllegalArgumentException) {
      err.println("error: " + e.getMessage());
      return ExitCodes.INVALID_CONFIG;
    }
    // One line first, so that logs and the termination message say what happened; the trace is for
    // a bug report.
    err.println("error: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
    err.println("(this is a bug or an environment problem; the stack trace follows)");
    e.printStackTrace(err);
    return ExitCodes.INTERNAL;
  }
}
