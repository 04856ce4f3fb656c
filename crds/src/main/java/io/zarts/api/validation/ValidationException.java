package io.zarts.api.validation;

import java.util.List;
import java.util.stream.Collectors;

/** A resource that the API server would refuse, with every reason. */
public class ValidationException extends IllegalArgumentException {

  private final List<Violation> violations;

  public ValidationException(String subject, List<Violation> violations) {
    super(
        subject
            + " is invalid:"
            + violations.stream().map(v -> "\n  - " + v).collect(Collectors.joining()));
    this.violations = List.copyOf(violations);
  }

  public List<Violation> getViolations() {
    return violations;
  }
}
