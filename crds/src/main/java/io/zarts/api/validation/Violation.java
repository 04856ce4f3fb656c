package io.zarts.api.validation;

/**
 * One reason a resource is refused: the field path in kubectl notation (spec.training.epochs), a
 * sentence that says what is wrong and how to fix it, and its kind, which decides as on the API
 * server whether the CEL rules are checked too.
 */
public record Violation(String path, String message, Kind kind) {

  /**
   * How a violation bears on the rest of the validation, as the API server treats it: a value out
   * of range or not matching its pattern still lets the CEL rules run; a wrong type, a missing
   * required field, a value outside its enum or over its size limit stops them (the server then
   * says that some rules were not checked); an unknown field refuses the request before any
   * validation (strict field validation, kubectl's default).
   */
  public enum Kind {
    VALUE,
    BLOCKS_RULES,
    UNKNOWN_FIELD
  }

  public Violation(String path, String message) {
    this(path, message, Kind.VALUE);
  }

  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
