package io.zarts.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.zarts.trainer.optim.Gradients;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Packed arrays share one flat array's storage, and their gradients gather into one array. */
class PackedArraysTest {

  @Test
  void packedArraysKeepTheirValuesAndShareTheFlatStorage() {
    try (NDManager base = NDManager.newBaseManager()) {
      NDArray a = base.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
      NDArray b = base.create(new float[] {5, 6}, new Shape(2));
      a.setName("a");
      PackedArrays packed = PackedArrays.pack(base, List.of(a, b), false);

      assertThat(a.getShape()).isEqualTo(new Shape(2, 2));
      assertThat(a.getName()).isEqualTo("a");
      assertThat(packed.flat().toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);

      packed.flat().muli(10); // writes the arrays
      assertThat(a.toFloatArray()).containsExactly(10, 20, 30, 40);
      assertThat(b.toFloatArray()).containsExactly(50, 60);

      b.addi(1); // and the arrays write the flat array
      InPlace.copy(new float[] {-1, -2, -3, -4}, a); // a checkpoint load keeps the packing
      assertThat(packed.flat().toFloatArray()).containsExactly(-1, -2, -3, -4, 51, 61);

      try (StepScope s = StepScope.open(base, List.of(packed.flat()))) {
        NDArray saved = packed.snapshot(s.manager());
        packed.flat().muli(0);
        packed.restore(saved);
      }
      assertThat(a.toFloatArray()).containsExactly(-1, -2, -3, -4);
      assertThat(b.toFloatArray()).containsExactly(51, 61);

      int before = base.getManagedArrays().size();
      try (NDArray values = base.create(new float[] {7, 7, 7, 7, 8, 8})) {
        packed.restore(values); // outside any scope: must leave nothing on the long-lived manager
      }
      assertThat(b.toFloatArray()).containsExactly(8, 8);
      assertThat(base.getManagedArrays()).hasSize(before);
    }
  }

  @Test
  void gradientsGatherFlatAndStayCurrentAcrossSteps() {
    try (NDManager base = NDManager.newBaseManager()) {
      NDArray w = base.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
      NDArray v = base.create(new float[] {5, 6}, new Shape(2));
      PackedArrays packed = PackedArrays.pack(base, List.of(w, v), true);
      NDArray x = base.create(new float[] {1, -1}, new Shape(2));
      for (int step = 1; step <= 3; step++) {
        try (StepScope s = StepScope.open(base, List.of(w, v, x, packed.flat()))) {
          Gradients.zero(List.of(w, v));
          try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
            // loss = step * (sum(w @ x) + sum(v * v)): dw = step * [x; x], dv = step * 2v
            NDArray loss = w.matMul(x).sum().add(v.mul(v).sum()).mul(step);
            c.backward(loss);
          }
          float k = step;
          float[] expected = {k, -k, k, -k, 2 * k * 5, 2 * k * 6};
          assertThat(packed.gradient().toFloatArray()).containsExactly(expected);
          assertThat(w.getGradient().toFloatArray()).containsExactly(k, -k, k, -k);
        }
      }
      assertThat(base.getManagedArrays()).as("nothing left behind by the steps").hasSize(6);
    }
  }

  @Test
  void aWeightLeftOutOfTheBackwardPassIsNamedNotSilentlyFrozen() {
    try (NDManager base = NDManager.newBaseManager()) {
      NDArray used = base.ones(new Shape(2));
      NDArray unused = base.ones(new Shape(3));
      unused.setName("cells.0.unused");
      PackedArrays packed = PackedArrays.pack(base, List.of(used, unused), true);
      try (StepScope s = StepScope.open(base, List.of(used, unused, packed.flat()))) {
        try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
          c.backward(used.sum());
        }
        assertThatThrownBy(packed::gradient)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("cells.0.unused has no gradient");
      }
    }
  }

  @Test
  void aGradientOutsideAStepScopeIsRefused() {
    try (NDManager base = NDManager.newBaseManager()) {
      NDArray w = base.ones(new Shape(3));
      PackedArrays packed = PackedArrays.pack(base, List.of(w), true);
      try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
        c.backward(w.sum());
      }
      assertThatThrownBy(packed::gradient)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("StepScope");
    }
  }
}
