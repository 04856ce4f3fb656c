package io.zarts.trainer.checkpoint;

/**
 * The newest checkpoint was written by a search with other settings than this one (another data
 * split, batch size, seed, …): exit code 2, an invalid configuration for this folder. Nothing is
 * deleted; the message names the field and the two ways out.
 */
public class CheckpointMismatchException extends CheckpointException {

  public CheckpointMismatchException(String message) {
    super(message);
  }

  public CheckpointMismatchException(String message, Throwable cause) {
    super(message, cause);
  }
}
