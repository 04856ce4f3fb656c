package io.zarts.trainer.checkpoint;

/**
 * A checkpoint problem the trainer cannot recover from by itself (exit code 3); nothing has been
 * deleted.
 */
public class CheckpointException extends RuntimeException {

  public CheckpointException(String message) {
    super(message);
  }

  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
