package io.zarts.trainer.data;

/**
 * A dataset file that is missing or not in the expected format. The message names the file and the
 * format.
 */
public class DataFormatException extends RuntimeException {

  private final boolean missing;

  public DataFormatException(String message, boolean missing) {
    super(message);
    this.missing = missing;
  }

  /**
   * True when the file or folder does not exist (a configuration error), false when it is
   * malformed.
   */
  public boolean missing() {
    return missing;
  }
}
