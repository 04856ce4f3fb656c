package io.zarts.api;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the repository and the golden-file update switch shared by the drift tests. */
public final class RepoFiles {

  /**
   * Run Maven with -Dzarts.updateGolden=true to rewrite golden files instead of failing on drift.
   */
  public static final String UPDATE_PROPERTY = "zarts.updateGolden";

  public static final String REFRESH_COMMAND =
      "mvn -B -pl crds verify -D" + UPDATE_PROPERTY + "=true";

  private RepoFiles() {}

  public static Path root() {
    return Path.of(System.getProperty("zarts.repo.root", "..")).toAbsolutePath().normalize();
  }

  public static Path resolve(String relative) {
    return root().resolve(relative);
  }

  public static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Fails when the committed file differs from the expected content, or rewrites it when asked to.
   */
  public static void assertGolden(Path committed, String expected, String what) {
    String actual = Files.exists(committed) ? read(committed) : null;
    if (expected.equals(actual)) {
      return;
    }
    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      try {
        Files.writeString(committed, expected);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    fail(
        what
            + " in "
            + root().relativize(committed)
            + " is out of date with the Java API types. Refresh it with: "
            + REFRESH_COMMAND
            + " and commit the result."
            + (actual == null
                ? " (The file does not exist.)"
                : "\nFirst difference: " + firstDifference(actual, expected)));
  }

  private static String firstDifference(String actual, String expected) {
    String[] a = actual.split("\n", -1);
    String[] e = expected.split("\n", -1);
    for (int i = 0; i < Math.max(a.length, e.length); i++) {
      String al = i < a.length ? a[i] : "<end of file>";
      String el = i < e.length ? e[i] : "<end of file>";
      if (!al.equals(el)) {
        return "line " + (i + 1) + ": committed \"" + al + "\" but generated \"" + el + "\"";
      }
    }
    return "(whitespace only)";
  }
}
