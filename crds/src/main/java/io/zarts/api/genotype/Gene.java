package io.zarts.api.genotype;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/**
 * One chosen edge of a cell: an operation applied to an input state (0 = the cell before the
 * previous one, 1 = the previous cell, 2 + m = intermediate node m).
 */
@JsonPropertyOrder({"op", "input"})
public final class Gene {

  static final String OP_NAME = "^[a-z][a-z0-9_]*$";

  @Size(max = 64)
  @Pattern(OP_NAME)
  @JsonPropertyDescription("Operation name, e.g. sep_conv_3x3.")
  private final String op;

  @JsonPropertyDescription(
      "Input state index: 0 and 1 are the cell inputs, 2 + m is intermediate node m.")
  private final int input;

  @JsonCreator
  public Gene(@JsonProperty("op") String op, @JsonProperty("input") int input) {
    if (op == null || !op.matches(OP_NAME)) {
      throw new IllegalArgumentException("gene operation must match " + OP_NAME + ", got: " + op);
    }
    if (input < 0) {
      throw new IllegalArgumentException("gene input must be >= 0, got: " + input);
    }
    this.op = op;
    this.input = input;
  }

  public String getOp() {
    return op;
  }

  public int getInput() {
    return input;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Gene g && g.input == input && g.op.equals(op);
  }

  @Override
  public int hashCode() {
    return Objects.hash(op, input);
  }

  /** Python tuple form, as the DARTS reference prints it. */
  @Override
  public String toString() {
    return "('" + op + "', " + input + ")";
  }
}
