package io.zarts.api.progress;

/** A progress report that cannot be read. */
public class ProgressFormatException extends IllegalArgumentException {

  public ProgressFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
