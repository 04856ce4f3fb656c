package io.zarts.api.genotype;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Reads and writes the Python reprs of DARTS/ZARTS genotypes. A small recursive-descent parser. */
final class GenotypeText {

  private static final List<String> FIELDS =
      List.of("normal", "normal_concat", "reduce", "reduce_concat");

  private final String src;
  private int pos;

  private GenotypeText(String src) {
    this.src = src;
  }

  static Genotype parse(String text) {
    if (text == null || text.isBlank()) {
      throw new GenotypeFormatException("empty genotype text", text, 0);
    }
    GenotypeText p = new GenotypeText(text.strip());
    return p.src.startsWith("{") ? p.parseJson() : p.parseRepr();
  }

  static String print(Genotype g, ConcatStyle style) {
    return "Genotype(normal="
        + genes(g.getNormal())
        + ", normal_concat="
        + concat(g.getNormalConcat(), style)
        + ", reduce="
        + genes(g.getReduce())
        + ", reduce_concat="
        + concat(g.getReduceConcat(), style)
        + ")";
  }

  static String printZartsJson(Genotype g) {
    return "{\"normal\": "
        + jsonGenes(g.getNormal())
        + ", \"normal_concat\": "
        + g.getNormalConcat()
        + ", \"reduce\": "
        + jsonGenes(g.getReduce())
        + ", \"reduce_concat\": "
        + g.getReduceConcat()
        + "}";
  }

  private static String genes(List<Gene> genes) {
    return genes.stream().map(Gene::toString).collect(Collectors.joining(", ", "[", "]"));
  }

  private static String jsonGenes(List<Gene> genes) {
    return genes.stream()
        .map(g -> "[\"" + g.getOp() + "\", " + g.getInput() + "]")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static String concat(List<Integer> nodes, ConcatStyle style) {
    if (style == ConcatStyle.RANGE && isConsecutive(nodes)) {
      return "range(" + nodes.get(0) + ", " + (nodes.get(nodes.size() - 1) + 1) + ")";
    }
    return nodes.toString();
  }

  private static boolean isConsecutive(List<Integer> nodes) {
    return !nodes.isEmpty()
        && IntStream.range(1, nodes.size()).allMatch(i -> nodes.get(i) == nodes.get(i - 1) + 1);
  }

  // --- Python repr: Genotype(normal=[('op', 0), ...], normal_concat=range(2, 6), ...) ---

  private Genotype parseRepr() {
    expectWord("Genotype");
    expect('(');
    Map<String, Object> fields = new HashMap<>();
    do {
      String name = word();
      if (!FIELDS.contains(name)) {
        throw error("unknown field '" + name + "', expected one of " + FIELDS);
      }
      if (fields.containsKey(name)) {
        throw error("field '" + name + "' given twice");
      }
      expect('=');
      fields.put(name, name.endsWith("_concat") ? concatValue() : geneList());
    } while (accept(','));
    expect(')');
    expectEnd();
    return build(fields);
  }

  private List<Gene> geneList() {
    expect('[');
    List<Gene> genes = new ArrayList<>();
    if (!accept(']')) {
      do {
        expect('(');
        String op = quoted();
        expect(',');
        int input = integer();
        expect(')');
        genes.add(gene(op, input));
      } while (accept(','));
      expect(']');
    }
    return genes;
  }

  private List<Integer> concatValue() {
    skipSpace();
    if (src.startsWith("range", pos)) {
      expectWord("range");
      expect('(');
      int from = integer();
      expect(',');
      int to = integer();
      expect(')');
      if (to < from) {
        throw error("range(" + from + ", " + to + ") is empty");
      }
      return IntStream.range(from, to).boxed().toList();
    }
    return integerList();
  }

  // --- ZARTS JSON: {"normal": [["op", 0], ...], "normal_concat": [2, 3, 4, 5], ...} ---

  private Genotype parseJson() {
    expect('{');
    Map<String, Object> fields = new HashMap<>();
    do {
      String name = quoted();
      if (!FIELDS.contains(name)) {
        throw error("unknown field '" + name + "', expected one of " + FIELDS);
      }
      expect(':');
      fields.put(name, name.endsWith("_concat") ? integerList() : jsonGeneList());
    } while (accept(','));
    expect('}');
    expectEnd();
    return build(fields);
  }

  private List<Gene> jsonGeneList() {
    expect('[');
    List<Gene> genes = new ArrayList<>();
    if (!accept(']')) {
      do {
        expect('[');
        String op = quoted();
        expect(',');
        int input = integer();
        expect(']');
        genes.add(gene(op, input));
      } while (accept(','));
      expect(']');
    }
    return genes;
  }

  // --- shared pieces ---

  @SuppressWarnings("unchecked")
  private Genotype build(Map<String, Object> fields) {
    for (String f : FIELDS) {
      if (!fields.containsKey(f)) {
        throw new GenotypeFormatException("missing field '" + f + "'", src, src.length());
      }
    }
    return new Genotype(
        (List<Gene>) fields.get("normal"),
        (List<Integer>) fields.get("normal_concat"),
        (List<Gene>) fields.get("reduce"),
        (List<Integer>) fields.get("reduce_concat"));
  }

  private Gene gene(String op, int input) {
    try {
      return new Gene(op, input);
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage());
    }
  }

  private List<Integer> integerList() {
    expect('[');
    List<Integer> values = new ArrayList<>();
    if (!accept(']')) {
      do {
        values.add(integer());
      } while (accept(','));
      expect(']');
    }
    return values;
  }

  private String quoted() {
    skipSpace();
    if (pos >= src.length() || (src.charAt(pos) != '\'' && src.charAt(pos) != '"')) {
      throw error("expected a quoted operation name");
    }
    char quote = src.charAt(pos++);
    int end = src.indexOf(quote, pos);
    if (end < 0) {
      throw error("unterminated string");
    }
    String value = src.substring(pos, end);
    pos = end + 1;
    return value;
  }

  private int integer() {
    skipSpace();
    int start = pos;
    while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
      pos++;
    }
    if (start == pos) {
      throw error("expected a non-negative integer");
    }
    try {
      return Integer.parseInt(src.substring(start, pos));
    } catch (NumberFormatException e) {
      throw error("integer out of range");
    }
  }

  private String word() {
    skipSpace();
    int start = pos;
    while (pos < src.length()
        && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
      pos++;
    }
    if (start == pos) {
      throw error("expected a name");
    }
    return src.substring(start, pos);
  }

  private void expectWord(String expected) {
    int at = pos;
    String w = word();
    if (!w.equals(expected)) {
      pos = at;
      throw error("expected '" + expected + "'");
    }
  }

  private void expect(char c) {
    if (!accept(c)) {
      throw error("expected '" + c + "'");
    }
  }

  private boolean accept(char c) {
    skipSpace();
    if (pos < src.length() && src.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void expectEnd() {
    skipSpace();
    if (pos != src.length()) {
      throw error("unexpected text after the genotype");
    }
  }

  private void skipSpace() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
  }

  private GenotypeFormatException error(String message) {
    skipSpace();
    return new GenotypeFormatException(message, src, pos);
  }
}
