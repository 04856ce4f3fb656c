package io.zarts.api.validation;

/**
 * One reason a resource is refused: the field path in kubectl notation (spec.training.epochs) and a
 * sentence that says what is wrong and how to fix it.
 */
public record Violation(String path, String message) {

  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
