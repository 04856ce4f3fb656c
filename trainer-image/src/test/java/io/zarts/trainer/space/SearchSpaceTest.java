package io.zarts.trainer.space;

import static org.assertj.core.api.Assertions.assertThat;

import io.zarts.api.v1alpha1.SearchSpaceName;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SearchSpaceTest {

  /** The API's list of operations a genotype may use is the trainer's spaces' own, 'none' aside. */
  @ParameterizedTest
  @EnumSource(SearchSpaceName.class)
  void theApiKnowsEveryOperationOfEachSpace(SearchSpaceName name) {
    SearchSpace space = SearchSpace.of(name, 4);
    Set<String> ops = new TreeSet<>();
    for (CellSpace cell : new CellSpace[] {space.normal(), space.reduce()}) {
      for (int e = 0; e < cell.edges(); e++) {
        cell.ops(e).stream().filter(p -> p != Primitive.NONE).forEach(p -> ops.add(p.opName()));
      }
    }
    assertThat(new TreeSet<>(name.genotypeOperations())).isEqualTo(ops);
  }
}
