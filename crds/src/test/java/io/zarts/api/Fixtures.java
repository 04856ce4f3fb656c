package io.zarts.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Small YAML fixtures for validator tests. */
public final class Fixtures {

  public static final YAMLMapper YAML = new YAMLMapper();

  private Fixtures() {}

  public static ObjectNode yaml(String text) {
    try {
      return (ObjectNode) YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The smallest valid resource: a name and a dataset. */
  public static ObjectNode minimal() {
    return yaml(
        """
        apiVersion: zarts.io/v1alpha1
        kind: ArchitectureSearch
        metadata:
          name: demo
        spec:
          dataset:
            name: cifar10
            volume:
              claimName: cifar10-data
        """);
  }

  /**
   * Sets a value at a dotted path below the root, creating objects on the way. YAML text is parsed.
   */
  public static ObjectNode with(ObjectNode resource, String dottedPath, String yamlValue) {
    ObjectNode copy = resource.deepCopy();
    String[] parts = dottedPath.split("\\.");
    ObjectNode node = copy;
    for (int i = 0; i < parts.length - 1; i++) {
      if (!node.has(parts[i]) || !node.get(parts[i]).isObject()) {
        node.putObject(parts[i]);
      }
      node = (ObjectNode) node.get(parts[i]);
    }
    node.set(parts[parts.length - 1], value(yamlValue));
    return copy;
  }

  /** Removes the value at a dotted path. */
  public static ObjectNode without(ObjectNode resource, String dottedPath) {
    ObjectNode copy = resource.deepCopy();
    String[] parts = dottedPath.split("\\.");
    JsonNode node = copy;
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.path(parts[i]);
    }
    if (node instanceof ObjectNode o) {
      o.remove(parts[parts.length - 1]);
    }
    return copy;
  }

  private static JsonNode value(String yamlValue) {
    try {
      return YAML.readTree(yamlValue);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
