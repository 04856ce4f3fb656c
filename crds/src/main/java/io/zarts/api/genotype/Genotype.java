package io.zarts.api.genotype;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Objects;

/**
 * A discrete DARTS architecture: two genes per intermediate node for the normal and the reduction
 * cell, and the nodes whose outputs are concatenated. Its text form is the Python namedtuple repr
 * the DARTS and ZARTS reference code print, so results can be pasted into their genotypes.py.
 */
@JsonPropertyOrder({"normal", "normalConcat", "reduce", "reduceConcat", "text"})
@JsonIgnoreProperties(value = "text", allowGetters = true)
public final class Genotype {

  @Size(max = 64)
  @JsonPropertyDescription("Genes of the normal cell, two per node, strongest first.")
  private final List<Gene> normal;

  @Size(max = 32)
  @JsonPropertyDescription("Normal-cell states concatenated into the cell output.")
  private final List<Integer> normalConcat;

  @Size(max = 64)
  @JsonPropertyDescription("Genes of the reduction cell, two per node, strongest first.")
  private final List<Gene> reduce;

  @Size(max = 32)
  @JsonPropertyDescription("Reduction-cell states concatenated into the cell output.")
  private final List<Integer> reduceConcat;

  @JsonCreator
  public Genotype(
      @JsonProperty("normal") List<Gene> normal,
      @JsonProperty("normalConcat") List<Integer> normalConcat,
      @JsonProperty("reduce") List<Gene> reduce,
      @JsonProperty("reduceConcat") List<Integer> reduceConcat) {
    // Serializers may drop empty lists (the API server keeps "reduce: []" as an absent field): read
    // them as empty.
    this.normal = normal == null ? List.of() : List.copyOf(normal);
    this.normalConcat = normalConcat == null ? List.of() : List.copyOf(normalConcat);
    this.reduce = reduce == null ? List.of() : List.copyOf(reduce);
    this.reduceConcat = reduceConcat == null ? List.of() : List.copyOf(reduceConcat);
  }

  /** Parses the DARTS text form ({@code Genotype(normal=[...], ...)}) or the ZARTS JSON form. */
  public static Genotype parse(String text) {
    return GenotypeText.parse(text);
  }

  public List<Gene> getNormal() {
    return normal;
  }

  public List<Integer> getNormalConcat() {
    return normalConcat;
  }

  public List<Gene> getReduce() {
    return reduce;
  }

  public List<Integer> getReduceConcat() {
    return reduceConcat;
  }

  /** The DARTS text form, with range(a, b) for consecutive concat lists. */
  @JsonPropertyDescription("The architecture as the DARTS reference prints it.")
  public String getText() {
    return toText(ConcatStyle.RANGE);
  }

  /** The text form with the chosen concat style. */
  public String toText(ConcatStyle style) {
    return GenotypeText.print(this, style);
  }

  /**
   * The JSON form the ZARTS reference writes per epoch ({@code {"normal": [["op", 0], ...], ...}}).
   */
  public String toZartsJson() {
    return GenotypeText.printZartsJson(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Genotype g
        && g.normal.equals(normal)
        && g.normalConcat.equals(normalConcat)
        && g.reduce.equals(reduce)
        && g.reduceConcat.equals(reduceConcat);
  }

  @Override
  public int hashCode() {
    return Objects.hash(normal, normalConcat, reduce, reduceConcat);
  }

  @Override
  public String toString() {
    return getText();
  }
}
