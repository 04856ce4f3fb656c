package io.zarts.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Byte-for-byte comparison of result files between two runs (an interrupted one and a reference).
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
}
