package io.zarts.api.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads an ArchitectureSearch from the YAML file a user would kubectl apply, and validates it. */
public final class ArchitectureSearchFiles {

  private static final YAMLMapper YAML = new YAMLMapper();

  private ArchitectureSearchFiles() {}

  /** Parses the file into a tree; one YAML document expected. */
  public static JsonNode readTree(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file");
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
    }
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(text)) {
      List<JsonNode> all = docs.readAll().stream().filter(d -> d != null && !d.isNull()).toList();
      if (all.size() != 1) {
        throw new IllegalArgumentException(
            file
                + ": expected exactly one YAML document with an ArchitectureSearch,"
                + " found "
                + all.size());
      }
      return all.get(0);
    } catch (JsonProcessingException e) {
      String problem = e.getOriginalMessage().lines().findFirst().orElse("syntax error").strip();
      throw new IllegalArgumentException(
          file
              + ": not valid YAML"
              + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr())
              + ": "
              + problem
              + "; fix the indentation or quoting there",
          e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Reads, defaults and validates the file; throws {@link ValidationException} naming every bad
   * field.
   */
  public static ArchitectureSearch load(Path file, ArchitectureSearchValidator validator) {
    return validator.validate(readTree(file)).orThrow(file.toString());
  }
}
