package io.zarts.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.zarts.trainer.nn.Forward;
import io.zarts.trainer.nn.Op;
import io.zarts.trainer.nn.ParameterStore;
import io.zarts.trainer.space.Primitive;
import io.zarts.trainer.util.Rng;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every candidate op keeps the channels and halves the size at stride 2; the details match the
 * reference.
 */
class OperationsTest {

  static NDManager manager;
  static NDArray x;

  @BeforeAll
  static void setUp() {
    manager = NDManager.newBaseManager();
    x = manager.create(new Rng(7).normal(2 * 6 * 8 * 8, 0, 1), new Shape(2, 6, 8, 8));
  }

  @AfterAll
  static void tearDown() {
    manager.close();
  }

  static Op op(Primitive p, int stride, ParameterStore store) {
    return Operations.create(p, store, "op", 6, stride);
  }

  @ParameterizedTest
  @EnumSource(Primitive.class)
  void strideOneKeepsTheShape(Primitive p) {
    ParameterStore store = new ParameterStore(manager, new Rng(1));
    assertThat(op(p, 1, store).forward(x, Forward.train(new Rng(2))).getShape())
        .isEqualTo(new Shape(2, 6, 8, 8));
  }

  @ParameterizedTest
  @EnumSource(Primitive.class)
  void strideTwoHalvesTheSize(Primitive p) {
    ParameterStore store = new ParameterStore(manager, new Rng(1));
    assertThat(op(p, 2, store).forward(x, Forward.train(new Rng(2))).getShape())
        .isEqualTo(new Shape(2, 6, 4, 4));
  }

  @Test
  void parameterCountsMatchTheReferenceModules() {
    // sep_conv_3x3 on C=6: 2 x (depthwise 6*9 + pointwise 6*6); dil_conv_5x5: depthwise 6*25 +
    // pointwise 36;
    // FactorizedReduce 6 -> 6: two 1x1 convs 6 -> 3; pools and skip: none; batch norms are
    // affine-free.
    assertThat(count(Primitive.SEP_CONV_3X3, 1)).isEqualTo(2 * (6 * 9 + 36));
    assertThat(count(Primitive.SEP_CONV_5X5, 1)).isEqualTo(2 * (6 * 25 + 36));
    assertThat(count(Primitive.DIL_CONV_3X3, 1)).isEqualTo(6 * 9 + 36);
    assertThat(count(Primitive.DIL_CONV_5X5, 1)).isEqualTo(6 * 25 + 36);
    assertThat(count(Primitive.SKIP_CONNECT, 2)).isEqualTo(2 * 6 * 3);
    assertThat(count(Primitive.SKIP_CONNECT, 1)).isZero();
    assertThat(count(Primitive.MAX_POOL_3X3, 1)).isZero();
    assertThat(count(Primitive.NONE, 2)).isZero();
  }

  @Test
  void zeroIsZeroAndSkipIsIdentity() {
    ParameterStore store = new ParameterStore(manager, new Rng(1));
    assertThat(op(Primitive.NONE, 1, store).forward(x, Forward.train(null)).abs().sum().getFloat())
        .isZero();
    assertThat(op(Primitive.SKIP_CONNECT, 1, store).forward(x, Forward.train(null))).isSameAs(x);
  }

  @ParameterizedTest(name = "stride {0}")
  @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2})
  void averagePoolDoesNotCountPadding(int stride) {
    ParameterStore store = new ParameterStore(manager, new Rng(1));
    float[] in = new Rng(5).normal(2 * 6 * 8 * 8, 0, 1);
    NDArray input = manager.create(in, new Shape(2, 6, 8, 8));
    // Eval mode with fresh running statistics (mean 0, var 1): the batch norm only divides by
    // sqrt(1 + eps).
    float[] out =
        op(Primitive.AVG_POOL_3X3, stride, store).forward(input, Forward.eval(null)).toFloatArray();
    int size = 8 / stride;
    for (int plane = 0; plane < 12; plane++) {
      for (int oy = 0; oy < size; oy++) {
        for (int ox = 0; ox < size; ox++) {
          double sum = 0;
          int count = 0;
          for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
              int y = oy * stride + dy;
              int x = ox * stride + dx;
              if (y >= 0 && y < 8 && x >= 0 && x < 8) {
                sum += in[plane * 64 + y * 8 + x];
                count++;
              }
            }
          }
          double expected = sum / count / Math.sqrt(1 + 1e-5);
          assertThat(out[(plane * size + oy) * size + ox])
              .isCloseTo((float) expected, Offset.offset(1e-5f));
        }
      }
    }
  }

  @Test
  void noiseIgnoresItsInputAndIsStandardNormal() {
    ParameterStore store = new ParameterStore(manager, new Rng(1));
    NDArray big = manager.zeros(new Shape(4, 6, 16, 16));
    NDArray out = op(Primitive.NOISE, 1, store).forward(big, Forward.eval(new Rng(3)));
    assertThat(out.mean().getFloat()).isBetween(-0.1f, 0.1f);
    assertThat(out.square().mean().getFloat()).isBetween(0.9f, 1.1f);
  }

  private static long count(Primitive p, int stride) {
    ParameterStore store = new ParameterStore(manager, new Rng(1));
    op(p, stride, store);
    return store.weightCount();
  }
}
