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

  /**
   * Below this many usable bytes right after a failed write, the volume counts as full whatever the
   * error says (its text depends on the C library and its locale).
   */
  public static final long NEARLY_FULL_BYTES = 1 << 20;

  /**
   * Whether a failed write means the volume is full: by the error's text, or by the volume's usable
   * space measured right after the failure (before anything is cleaned up).
   */
  public static boolean isOutOfSpace(Throwable e, long usableBytes) {
    return isOutOfSpace(e) || usableBytes < NEARLY_FULL_BYTES;
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
