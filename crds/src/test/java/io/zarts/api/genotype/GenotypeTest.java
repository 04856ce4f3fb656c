package io.zarts.api.genotype;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenotypeTest {

  /** DARTS_V2 from the DARTS reference's genotypes.py, as Python prints it. */
  static final String DARTS_V2 =
      "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0),"
          + " ('sep_conv_3x3', 1), ('sep_conv_3x3', 1), ('skip_connect', 0), ('skip_connect', 0), ('dil_conv_3x3', 2)],"
          + " normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('skip_connect', 2),"
          + " ('max_pool_3x3', 1), ('max_pool_3x3', 0), ('skip_connect', 2), ('skip_connect', 2), ('max_pool_3x3', 1)],"
          + " reduce_concat=[2, 3, 4, 5])";

  /** A genotype as DARTS's train_search.py logs it each epoch: the concat is a range object. */
  static final String DARTS_LOG =
      "Genotype(normal=[('sep_conv_3x3', 1), ('skip_connect', 0), ('sep_conv_5x5', 2),"
          + " ('sep_conv_3x3', 0), ('skip_connect', 0), ('dil_conv_5x5', 3), ('skip_connect', 0), ('avg_pool_3x3', 4)],"
          + " normal_concat=range(2, 6), reduce=[('max_pool_3x3', 0), ('avg_pool_3x3', 1), ('max_pool_3x3', 0),"
          + " ('skip_connect', 2), ('max_pool_3x3', 0), ('skip_connect', 2), ('skip_connect', 2), ('max_pool_3x3', 0)],"
          + " reduce_concat=range(2, 6))";

  @Test
  void listFormRoundTripsExactly() {
    Genotype g = Genotype.parse(DARTS_V2);
    assertThat(g.getNormal()).hasSize(8);
    assertThat(g.getNormal().get(7)).isEqualTo(new Gene("dil_conv_3x3", 2));
    assertThat(g.getReduceConcat()).containsExactly(2, 3, 4, 5);
    assertThat(g.toText(ConcatStyle.LIST)).isEqualTo(DARTS_V2);
  }

  @Test
  void rangeFormRoundTripsExactly() {
    Genotype g = Genotype.parse(DARTS_LOG);
    assertThat(g.getNormalConcat()).containsExactly(2, 3, 4, 5);
    assertThat(g.toText(ConcatStyle.RANGE)).isEqualTo(DARTS_LOG);
    assertThat(g.getText()).isEqualTo(DARTS_LOG);
  }

  @Test
  void bothFormsDescribeTheSameArchitecture() {
    Genotype fromRange = Genotype.parse(DARTS_LOG);
    Genotype fromList = Genotype.parse(DARTS_LOG.replace("range(2, 6)", "[2, 3, 4, 5]"));
    assertThat(fromRange).isEqualTo(fromList);
  }

  @Test
  void zartsJsonRoundTrips() {
    Genotype g = Genotype.parse(DARTS_V2);
    String json = g.toZartsJson();
    assertThat(json).startsWith("{\"normal\": [[\"sep_conv_3x3\", 0], [\"sep_conv_3x3\", 1]");
    assertThat(json).contains("\"normal_concat\": [2, 3, 4, 5]");
    assertThat(Genotype.parse(json)).isEqualTo(g);
  }

  @Test
  void whitespaceAndDoubleQuotesAreAccepted() {
    String loose =
        "Genotype( normal = [ (\"skip_connect\" , 0 ) ] , normal_concat = range(2,3),"
            + " reduce=[], reduce_concat=[2] )";
    Genotype g = Genotype.parse(loose);
    assertThat(g.getNormal()).containsExactly(new Gene("skip_connect", 0));
    assertThat(g.toText(ConcatStyle.RANGE))
        .isEqualTo(
            "Genotype(normal=[('skip_connect', 0)], normal_concat=range(2, 3), reduce=[],"
                + " reduce_concat=range(2, 3))");
  }

  @Test
  void nonConsecutiveConcatIsPrintedAsAList() {
    Genotype g = new Genotype(List.of(), List.of(2, 4), List.of(), List.of(2, 3));
    assertThat(g.getText()).endsWith("normal_concat=[2, 4], reduce=[], reduce_concat=range(2, 4))");
  }

  @Test
  void errorsSayWhereAndWhat() {
    assertThatThrownBy(
            () ->
                Genotype.parse(
                    "Genotype(normal=[('sep_conv_3x3' 0)], normal_concat=[2],"
                        + " reduce=[], reduce_concat=[2])"))
        .isInstanceOf(GenotypeFormatException.class)
        .hasMessageStartingWith("invalid genotype at character 33: expected ','");
    assertThatThrownBy(() -> Genotype.parse("Genotype(normal=[], normal_concat=[2], reduce=[])"))
        .hasMessageContaining("missing field 'reduce_concat'");
    assertThatThrownBy(
            () ->
                Genotype.parse(
                    "Genotype(normal=[], normal_concat=[2], reduce=[], reduce_concat=[2],"
                        + " extra=[])"))
        .hasMessageContaining("unknown field 'extra'");
    assertThatThrownBy(
            () ->
                Genotype.parse(
                    "Genotype(normal=[('Sep Conv', 0)], normal_concat=[2], reduce=[],"
                        + " reduce_concat=[2])"))
        .hasMessageContaining("gene operation must match");
    assertThatThrownBy(() -> Genotype.parse(" ")).hasMessageContaining("empty genotype text");
  }

  @Test
  void jacksonFormCarriesGenesAndText() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    Genotype g = Genotype.parse(DARTS_V2);
    JsonNode tree = mapper.valueToTree(g);
    assertThat(tree.path("normal").get(0).toString())
        .isEqualTo("{\"op\":\"sep_conv_3x3\",\"input\":0}");
    assertThat(tree.path("text").asText()).isEqualTo(g.getText());
    assertThat(mapper.treeToValue(tree, Genotype.class)).isEqualTo(g);
  }
}
