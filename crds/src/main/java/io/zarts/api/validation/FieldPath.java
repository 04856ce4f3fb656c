package io.zarts.api.validation;

/** Builds field paths the way kubectl prints them: spec.a.b, list[0], map[key]. */
final class FieldPath {

  private FieldPath() {}

  static String child(String parent, String field) {
    return parent.isEmpty() ? field : parent + "." + field;
  }

  static String index(String parent, int i) {
    return parent + "[" + i + "]";
  }

  static String key(String parent, String key) {
    return parent + "[" + key + "]";
  }

  /** Appends a CEL rule's fieldPath (".a.b", relative to the rule's node). */
  static String relative(String parent, String fieldPath) {
    if (fieldPath == null || fieldPath.isEmpty()) {
      return parent;
    }
    String tail = fieldPath.startsWith(".") ? fieldPath.substring(1) : fieldPath;
    return child(parent, tail);
  }
}
