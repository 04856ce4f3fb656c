package io.zarts.trainer.cli;

/**
 * The trainer's exit codes, the contract with the Job's podFailurePolicy (docs/architecture.md
 * §2.3).
 */
public final class ExitCodes {

  public static final int OK = 0;

  /** Unexpected failure: the Job retries. */
  public static final int INTERNAL = 1;

  /**
   * Invalid configuration: the resource, the command line or a missing dataset folder; also GPUs
   * asked for that this image or node cannot give (summary reason NoGPU). Not retried.
   */
  public static final int INVALID_CONFIG = 2;

  /** Unrecoverable checkpoint or data (a malformed dataset file). Not retried. */
  public static final int UNRECOVERABLE = 3;

  /**
   * Another trainer still held the checkpoint folder after the wait (a previous pod still
   * stopping). Retried: it goes away by itself.
   */
  public static final int CHECKPOINT_BUSY = 4;

  /**
   * The checkpoint volume is full. Not retried: it needs a larger spec.checkpoint.size or a lower
   * spec.checkpoint.keep.
   */
  public static final int CHECKPOINT_VOLUME_FULL = 5;

  private ExitCodes() {}

  /** The reason a termination summary gives for a failure with this code. */
  static String summaryReason(int code) {
    return switch (code) {
      case INTERNAL -> "Error";
      case CHECKPOINT_BUSY -> "CheckpointBusy";
      case CHECKPOINT_VOLUME_FULL -> "CheckpointVolumeFull";
      default -> "Failed";
    };
  }
}
