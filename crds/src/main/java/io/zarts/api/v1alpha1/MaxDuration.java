package io.zarts.api.v1alpha1;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * training.maxDuration as the trainer and the operator read it: a Go-style duration (6h, 90m,
 * 1h30m, 1.5h, 250ms), the syntax the CRD pattern admits and CEL's duration() parses.
 */
public final class MaxDuration {

  private static final Pattern WHOLE = Pattern.compile(Patterns.DURATION);
  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|h|m|s)");

  private MaxDuration() {}

  /** The duration, or null for null (no limit); throws IllegalArgumentException when malformed. */
  public static Duration parse(String text) {
    if (text == null) {
      return null;
    }
    if (!WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "training.maxDuration \""
              + text
              + "\" is not a duration: write it like 6h, 90m, 1h30m or 45s");
    }
    double nanos = 0;
    Matcher m = PART.matcher(text);
    while (m.find()) {
      double value = Double.parseDouble(m.group(1));
      nanos +=
          value
              * switch (m.group(2)) {
                case "h" -> 3.6e12;
                case "m" -> 6e10;
                case "s" -> 1e9;
                default -> 1e6;
              };
    }
    return Duration.ofNanos(Math.round(nanos));
  }

  /**
   * Whether the budget now asked for is larger than the one that was used up: no limit counts as
   * larger than any; an unreadable value as not larger.
   */
  public static boolean raised(String now, String usedUp) {
    try {
      Duration current = parse(now);
      Duration before = parse(usedUp);
      return current == null || (before != null && current.compareTo(before) > 0);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Seconds as a short human text: 21603 → "6h0m3s", 42.5 → "42s". */
  public static String describe(double seconds) {
    long s = Math.max(0, Math.round(Math.floor(seconds)));
    long h = s / 3600;
    long m = (s % 3600) / 60;
    long rest = s % 60;
    return h > 0 ? h + "h" + m + "m" + rest + "s" : m > 0 ? m + "m" + rest + "s" : rest + "s";
  }
}
