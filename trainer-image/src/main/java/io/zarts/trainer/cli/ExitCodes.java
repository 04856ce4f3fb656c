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
   * Invalid configuration: the resource, the command line or a missing dataset folder. Not retried.
   */
  public static final int INVALID_CONFIG = 2;

  /** Unrecoverable checkpoint or data (a malformed dataset file). Not retried. */
  public static final int UNRECOVERABLE = 3;

  private ExitCodes() {}
}
