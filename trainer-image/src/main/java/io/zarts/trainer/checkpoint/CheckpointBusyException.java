package io.zarts.trainer.checkpoint;

/**
 * Another trainer still holds the checkpoint folder after the bounded wait: exit code 4, which the
 * Job retries (unlike the other checkpoint problems, it goes away by itself).
 */
public class CheckpointBusyException extends CheckpointException {

  public CheckpointBusyException(String message) {
    super(message);
  }
}
