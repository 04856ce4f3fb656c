package io.zarts.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Comparison of result files between two runs (an interrupted one and a reference): byte for byte,
 * or the alphas within a tolerance.
 */
public final class SameFiles {

  private SameFiles() {}

  public static void assertSameBytes(Path actual, Path expected, String... files)
      throws IOException {
    for (String f : files) {
      assertThat(Files.readAllBytes(actual.resolve(f)))
          .as(f)
          .isEqualTo(Files.readAllBytes(expected.resolve(f)));
    }
  }

  /**
   * The final operation weights of two results' alphas.json agree within tolerance, every cell,
   * edge and operation (for runs that agree to float rounding, not bit for bit).
   */
  public static void assertSameAlphaWeights(Path actual, Path expected, double tolerance)
      throws IOException {
    double[] got = alphaWeights(actual);
    double[] want = alphaWeights(expected);
    assertThat(got).hasSameSizeAs(want);
    for (int i = 0; i < want.length; i++) {
      assertThat(got[i]).as("alpha weight %d", i).isCloseTo(want[i], within(tolerance));
    }
  }

  private static double[] alphaWeights(Path result) throws IOException {
    JsonNode root = new ObjectMapper().readTree(Files.readString(result.resolve("alphas.json")));
    List<Double> values = new ArrayList<>();
    for (String cell : List.of("normal", "reduce")) {
      root.get(cell)
          .forEach(
              edge -> edge.fields().forEachRemaining(op -> values.add(op.getValue().asDouble())));
    }
    assertThat(values).isNotEmpty();
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
