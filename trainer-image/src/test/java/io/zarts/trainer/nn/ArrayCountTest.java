package io.zarts.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Step scopes count the arrays made inside them, nested scopes once, long-lived ones never. */
class ArrayCountTest {

  @Test
  void countsTheArraysEachScopeFrees() {
    try (NDManager base = NDManager.newBaseManager()) {
      NDArray weight = base.ones(new Shape(2));
      NDArray momentum = base.zeros(new Shape(2));
      ArrayCount.enable(true);
      try {
        ArrayCount.takeFreed();
        try (StepScope step = StepScope.open(base, List.of(weight, momentum))) {
          NDArray a = weight.add(1); // on the scope: weight is attached to it
          a.mul(2).sub(3); // two more
          try (StepScope inner = StepScope.open(step.manager(), List.of())) {
            inner.manager().zeros(new Shape(3)).add(1); // two
          }
          a.addi(1); // in place: none
        }
        assertThat(ArrayCount.takeFreed()).isEqualTo(5);
        assertThat(weight.isReleased()).as("long-lived arrays survive").isFalse();
      } finally {
        ArrayCount.enable(false);
      }
      try (StepScope off = StepScope.open(base, List.of())) {
        off.manager().ones(new Shape(1));
      }
      assertThat(ArrayCount.takeFreed()).as("not counted when off").isZero();
    }
  }
}
