package io.zarts.trainer.checkpoint;

/**
 * The checkpoint volume ran out of space (or quota) while a checkpoint was written: exit code 5.
 * The unfinished folder has been removed and the previous checkpoint is intact; the search
 * continues once the volume is larger or fewer checkpoints are kept.
 */
public class CheckpointVolumeFullException extends CheckpointException {

  public CheckpointVolumeFullException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether an I/O error means the file system is full or the quota is used up. */
  public static boolean isOutOfSpace(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && (m.contains("No space left on device") || m.contains("quota exceeded"))) {
        return true;
      }
    }
    return false;
  }
}
