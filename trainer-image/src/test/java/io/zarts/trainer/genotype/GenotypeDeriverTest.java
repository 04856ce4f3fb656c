package io.zarts.trainer.genotype;

import static org.assertj.core.api.Assertions.assertThat;

import io.zarts.api.genotype.ConcatStyle;
import io.zarts.api.genotype.Genotype;
import io.zarts.api.v1alpha1.SearchSpaceName;
import io.zarts.trainer.space.SearchSpace;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Genotype derivation on hand-made weights: none excluded, top-2 inputs per node, strength order,
 * S1 lists.
 */
class GenotypeDeriverTest {

  /** 14 edges x K ops, all 1/K except the given (edge, op, weight) triples. */
  static double[][] weights(int ops, double[]... overrides) {
    double[][] w = new double[14][ops];
    for (double[] row : w) {
      Arrays.fill(row, 0.1);
    }
    for (double[] o : overrides) {
      w[(int) o[0]][(int) o[1]] = o[2];
    }
    return w;
  }

  @Test
  void noneIsIgnoredForRankingAndChoice() {
    SearchSpace space = SearchSpace.of(SearchSpaceName.DARTS, 4);
    // Node 0: edge 0 has a huge 'none' (op 0) but its best real op is 0.2; edge 1's best real op is
    // 0.3.
    double[][] normal =
        weights(
            8,
            new double[] {0, 0, 0.9},
            new double[] {0, 4, 0.2},
            new double[] {1, 6, 0.3},
            // Node 1 (edges 2-4): input 2 (node 0) strongest with skip, then input 0 with max pool.
            new double[] {4, 3, 0.5},
            new double[] {2, 1, 0.4});
    Genotype g = GenotypeDeriver.derive(space, normal, weights(8));
    assertThat(g.toText(ConcatStyle.LIST))
        .startsWith(
            "Genotype(normal=[('dil_conv_3x3', 1), ('sep_conv_3x3', 0), ('skip_connect', 2), ('max_pool_3x3', 0),");
  }

  @Test
  void tiesKeepTheLowerInputAndTheFirstOp() {
    SearchSpace space = SearchSpace.of(SearchSpaceName.DARTS_NO_NONE, 4);
    Genotype g = GenotypeDeriver.derive(space, weights(7), weights(7));
    // All equal: every node takes inputs 0 and 1 and the first op, max_pool_3x3.
    assertThat(g.getNormal())
        .extracting(gene -> gene.getOp() + "@" + gene.getInput())
        .containsExactly(
            "max_pool_3x3@0",
            "max_pool_3x3@1",
            "max_pool_3x3@0",
            "max_pool_3x3@1",
            "max_pool_3x3@0",
            "max_pool_3x3@1",
            "max_pool_3x3@0",
            "max_pool_3x3@1");
    assertThat(g.getNormalConcat()).containsExactly(2, 3, 4, 5);
  }

  @Test
  void robustDartsS1UsesEachEdgesOwnOps() {
    SearchSpace space = SearchSpace.of(SearchSpaceName.S1, 4);
    // Second op stronger everywhere: normal edge 0 is (skip, dil3) -> dil_conv_3x3; edge 1 (skip,
    // dil5) -> dil5.
    double[][] second = new double[14][2];
    for (double[] row : second) {
      row[0] = 0.3;
      row[1] = 0.7;
    }
    Genotype g = GenotypeDeriver.derive(space, second, second);
    assertThat(g.getNormal().get(0).getOp()).isEqualTo("dil_conv_3x3");
    assertThat(g.getNormal().get(1).getOp()).isEqualTo("dil_conv_5x5");
    // Normal edge 5 is (max, skip) with skip second: node 2's first input (edge 5) gives
    // skip_connect.
    assertThat(g.getNormal().get(4).getOp()).isEqualTo("skip_connect");
    // Reduce edge 0 is (max, avg) -> avg_pool_3x3.
    assertThat(g.getReduce().get(0).getOp()).isEqualTo("avg_pool_3x3");
  }

  @Test
  void s3DropsNoneEvenWhenItDominates() {
    SearchSpace space = SearchSpace.of(SearchSpaceName.S3, 4);
    double[][] w = new double[14][3];
    for (double[] row : w) {
      row[0] = 0.8;
      row[1] = 0.05;
      row[2] = 0.15;
    }
    Genotype g = GenotypeDeriver.derive(space, w, w);
    assertThat(g.getNormal())
        .allSatisfy(gene -> assertThat(gene.getOp()).isEqualTo("sep_conv_3x3"));
  }
}
