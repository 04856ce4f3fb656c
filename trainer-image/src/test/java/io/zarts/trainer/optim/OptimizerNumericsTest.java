package io.zarts.trainer.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.zarts.trainer.nn.PackedArrays;
import io.zarts.trainer.nn.StepScope;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SGD, clipping, Adam and the schedule against values computed by hand with PyTorch's formulas. */
class OptimizerNumericsTest {

  /** Gives p the gradient g by back-propagating sum(p * g). */
  static void setGradient(NDArray p, float... g) {
    try (NDManager scope = p.getManager().newSubManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      scope.tempAttachAll(p);
      collector.backward(p.mul(scope.create(g)).sum());
    }
  }

  @Test
  void sgdMomentumAndWeightDecayFollowPyTorchAcrossAChangingLearningRate() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray p = m.create(new float[] {1f, -2f});
      PackedArrays packed = PackedArrays.pack(m, List.of(p), true);
      Sgd sgd = new Sgd(packed, m, 0.9, 0.1);
      List<NDArray> held = new ArrayList<>(sgd.longLived());
      held.addAll(List.of(p, packed.flat()));
      // Step 1, lr 0.5: d = g + 0.1 p = (0.5 + 0.1, 1 - 0.2) = (0.6, 0.8); buf = d; p = (1 - 0.3,
      // -2 - 0.4).
      Gradients.zero(List.of(p));
      setGradient(p, 0.5f, 1f);
      try (StepScope s = StepScope.open(m, held)) {
        sgd.step(packed.gradient(), 0.5);
      }
      assertThat(p.toFloatArray()).containsExactly(new float[] {0.7f, -2.4f}, offset(1e-6f));
      // Step 2, lr 0.1: d = (0.5 + 0.07, 1 - 0.24) = (0.57, 0.76); buf = 0.9 (0.6, 0.8) + d =
      // (1.11, 1.48);
      // p = (0.7 - 0.111, -2.4 - 0.148). DJL's own SGD (lr folded into the buffer) would give 0.7 -
      // 0.327.
      Gradients.zero(List.of(p));
      setGradient(p, 0.5f, 1f);
      try (StepScope s = StepScope.open(m, held)) {
        sgd.step(packed.gradient(), 0.1);
      }
      assertThat(p.toFloatArray()).containsExactly(new float[] {0.589f, -2.548f}, offset(1e-6f));
      assertThat(sgd.state().get(0).toFloatArray())
          .containsExactly(new float[] {1.11f, 1.48f}, offset(1e-6f));
      // p, its flat array, the momentum's flat array and view, p's cached gradient view
      assertThat(m.getManagedArrays()).as("the steps left nothing behind").hasSize(5);
    }
  }

  @Test
  void gradientsAccumulateUntilZeroed() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray p = m.create(new float[] {1f});
      p.setRequiresGradient(true);
      setGradient(p, 2f);
      setGradient(p, 3f);
      assertThat(p.getGradient().toFloatArray()).containsExactly(5f);
      Gradients.zero(List.of(p));
      assertThat(p.getGradient().toFloatArray()).containsExactly(0f);
    }
  }

  @Test
  void clippingUsesTheGlobalNormOfAllGradients() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.create(new float[] {3f});
      NDArray b = m.create(new float[] {4f, 0f});
      PackedArrays packed = PackedArrays.pack(m, List.of(a, b), true);
      setGradient(a, 3f);
      setGradient(b, 4f, 0f);
      try (StepScope s = StepScope.open(m, List.of(a, b, packed.flat()))) {
        // ||g|| = 5, max 1: every gradient scales by 1 / (5 + 1e-6); an elementwise clip would
        // give (1, 1, 0).
        assertThat(Gradients.clipGlobalNorm(packed, 1.0).toFloatArray())
            .containsExactly(new float[] {0.6f, 0.8f, 0f}, offset(1e-6f));
        // Under the threshold nothing changes.
        assertThat(Gradients.clipGlobalNorm(packed, 10.0).toFloatArray())
            .containsExactly(new float[] {3f, 4f, 0f}, offset(1e-6f));
      }
    }
  }

  @Test
  void perReplicaClippingScalesEachReplicaByItsOwnNorm() {
    try (NDManager m = NDManager.newBaseManager()) {
      // Two replicas stacked along the first axis: a = [a0; a1], b = [b0 (2 values); b1 (2)].
      NDArray a = m.create(new float[] {3f, 1f});
      NDArray b = m.create(new float[] {4f, 0f, 0f, 0f});
      PackedArrays packed = PackedArrays.pack(m, List.of(a, b), true);
      setGradient(a, 3f, 1f);
      setGradient(b, 4f, 0f, 0f, 0f);
      try (StepScope s = StepScope.open(m, List.of(a, b, packed.flat()))) {
        // replica 0: ||(3, 4, 0)|| = 5, scaled to norm 1; replica 1: ||(1, 0, 0)|| = 1, kept.
        assertThat(Gradients.clipGlobalNormPerReplica(packed, 1.0, 2).toFloatArray())
            .containsExactly(new float[] {0.6f, 1f, 0.8f, 0f, 0f, 0f}, offset(1e-6f));
      }
    }
  }

  @Test
  void adamFollowsPyTorchWithL2WeightDecay() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray p = m.create(new float[] {1f});
      p.setRequiresGradient(true);
      Adam adam = new Adam(List.of(p), m, 0.1, 0.5, 0.999, 0.01);
      // g' = 2 + 0.01 = 2.01; m = 1.005, v = 0.00404010; m^ = 2.01, sqrt(v^) = 2.01; step = 0.1 *
      // 2.01 / (2.01 + 1e-8)
      setGradient(p, 2f);
      adam.step();
      assertThat(p.getFloat()).isCloseTo(0.9f, offset(1e-6f));
      // Second step with g = -1: g' = -1 + 0.009 = -0.991; m = 0.5*1.005 - 0.4955 = 0.007;
      // v = 0.999*0.0040401 + 0.001*0.982081 = 0.0050181; m^ = 0.007/0.75; v^ = v/(1-0.999^2).
      Gradients.zero(List.of(p));
      setGradient(p, -1f);
      adam.step();
      double mHat = 0.007 / 0.75;
      double vHat = (0.999 * 0.0040401 + 0.001 * 0.991 * 0.991) / (1 - 0.999 * 0.999);
      assertThat(p.getFloat())
          .isCloseTo((float) (0.9 - 0.1 * mHat / (Math.sqrt(vHat) + 1e-8)), offset(1e-5f));
    }
  }

  @Test
  void cosineScheduleMatchesTheReference() {
    CosineSchedule s = new CosineSchedule(0.025, 0.001, 50);
    assertThat(s.at(0)).isEqualTo(0.025);
    assertThat(s.at(25)).isCloseTo(0.013, offset(1e-12));
    assertThat(s.at(50)).isCloseTo(0.001, offset(1e-12));
    assertThat(s.at(10)).isCloseTo(0.001 + 0.024 * (1 + Math.cos(Math.PI / 5)) / 2, offset(1e-12));
  }
}
