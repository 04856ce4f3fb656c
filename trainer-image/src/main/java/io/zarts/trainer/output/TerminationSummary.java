package io.zarts.trainer.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zarts.api.v1alpha1.BudgetStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The summary the kubelet keeps as the container's termination message (at most 4096 bytes): exit
 * reason and code, epoch, best accuracy, the genotype text (or its hash if it would not fit), and
 * where the full result is. The operator reads it when the Job ends, so the result survives a
 * failed progress report.
 */
public final class TerminationSummary {

  public static final int SCHEMA_VERSION = 1;

  /** Kept under the kubelet's 4096 bytes with margin. */
  public static final int MAX_BYTES = 3072;

  private TerminationSummary() {}

  public static String json(
      String reason,
      int exitCode,
      Integer epoch,
      Double bestValidAccuracy,
      String genotype,
      String resultPath,
      String message) {
    return json(reason, exitCode, epoch, bestValidAccuracy, genotype, resultPath, message, null);
  }

  /** The same, for the evaluation stage: testAccuracy of the final epoch (omitted when null). */
  public static String json(
      String reason,
      int exitCode,
      Integer epoch,
      Double bestValidAccuracy,
      String genotype,
      String resultPath,
      String message,
      Double testAccuracy) {
    return json(
        reason,
        exitCode,
        epoch,
        bestValidAccuracy,
        genotype,
        resultPath,
        message,
        testAccuracy,
        null);
  }

  /** The same, with the search's time budget (omitted when null). */
  public static String json(
      String reason,
      int exitCode,
      Integer epoch,
      Double bestValidAccuracy,
      String genotype,
      String resultPath,
      String message,
      Double testAccuracy,
      BudgetStatus budget) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schemaVersion", SCHEMA_VERSION);
    doc.put("reason", reason);
    doc.put("exitCode", exitCode);
    doc.put("epoch", epoch);
    doc.put("bestValidAccuracy", bestValidAccuracy);
    doc.put("genotype", genotype);
    if (testAccuracy != null) {
      doc.put("testAccuracy", testAccuracy);
    }
    if (budget != null) {
      doc.put("budget", budget);
    }
    doc.put("resultPath", resultPath);
    doc.put("message", message == null ? null : truncate(message, 512));
    String text = write(doc);
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES && genotype != null) {
      doc.put("genotype", null);
      doc.put("genotypeSha256", sha256(genotype));
      text = write(doc);
    }
    return text;
  }

  /**
   * Writes the summary where the kubelet looks for it; a missing or read-only path is silently
   * skipped.
   */
  public static void write(Path path, String json) {
    if (path == null) {
      return;
    }
    try {
      Files.writeString(path, json);
    } catch (Exception e) {
      // Outside a pod there is no termination log; that is fine.
    }
  }

  private static String write(Map<String, Object> doc) {
    try {
      return new ObjectMapper()
          .writeValueAsString(
              doc.entrySet().stream()
                  .filter(e -> e.getValue() != null)
                  .collect(
                      LinkedHashMap::new,
                      (m, e) -> m.put(e.getKey(), e.getValue()),
                      LinkedHashMap::putAll));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
