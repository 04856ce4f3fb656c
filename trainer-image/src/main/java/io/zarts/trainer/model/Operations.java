package io.zarts.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import io.zarts.trainer.nn.BatchNorm2d;
import io.zarts.trainer.nn.ChannelConcat;
import io.zarts.trainer.nn.Conv2d;
import io.zarts.trainer.nn.Op;
import io.zarts.trainer.nn.ParameterStore;
import io.zarts.trainer.space.Primitive;
import java.util.List;

/**
 * The DARTS candidate operations in their search form (docs/algorithms.md §1.1): affine-free batch
 * norm, a batch norm after each pool, bias-free convolutions, FactorizedReduce for the stride-2
 * skip, average pooling that does not count padding, and a zero op that subsamples with its stride.
 */
public final class Operations {

  private static final Op RELU = (x, pass) -> Activation.relu(x);
  private static final Op IDENTITY = (x, pass) -> x;
  private static final Shape POOL_KERNEL = new Shape(3, 3);
  private static final Shape POOL_PADDING = new Shape(1, 1);

  private Operations() {}

  /** The search-time op for a primitive on C channels in and out. */
  public static Op create(
      Primitive primitive, ParameterStore store, String name, int channels, int stride) {
    return create(primitive, store, name, channels, stride, false);
  }

  /**
   * The op in its final form, as a derived cell's evaluation network uses it: affine batch norms,
   * and pools without the batch norm that the search form adds after them.
   */
  public static Op createFinal(
      Primitive primitive, ParameterStore store, String name, int channels, int stride) {
    return create(primitive, store, name, channels, stride, true);
  }

  private static Op create(
      Primitive primitive,
      ParameterStore store,
      String name,
      int channels,
      int stride,
      boolean affine) {
    return switch (primitive) {
      case NONE -> zero(stride);
      case MAX_POOL_3X3 ->
          affine
              ? maxPool(stride)
              : new Sequence(
                  maxPool(stride), new BatchNorm2d(store, name + ".bn", channels, false));
      case AVG_POOL_3X3 ->
          affine
              ? avgPool(store, stride)
              : new Sequence(
                  avgPool(store, stride), new BatchNorm2d(store, name + ".bn", channels, false));
      case SKIP_CONNECT ->
          stride == 1 ? IDENTITY : factorizedReduce(store, name, channels, channels, affine);
      case SEP_CONV_3X3 -> sepConv(store, name, channels, 3, stride, 1, affine);
      case SEP_CONV_5X5 -> sepConv(store, name, channels, 5, stride, 2, affine);
      case DIL_CONV_3X3 -> dilConv(store, name, channels, 3, stride, 2, affine);
      case DIL_CONV_5X5 -> dilConv(store, name, channels, 5, stride, 4, affine);
      case NOISE -> noise(stride);
    };
  }

  /** True for the identity op (a stride-1 skip connection), which drop path leaves alone. */
  public static boolean isIdentity(Op op) {
    return op == IDENTITY;
  }

  /** ReLU, convolution, batch norm (affine in the final form only). */
  public static Op reluConvBn(
      ParameterStore store,
      String name,
      int in,
      int out,
      int kernel,
      int stride,
      int padding,
      boolean affine) {
    return new Sequence(
        RELU,
        new Conv2d(store, name + ".conv", in, out, kernel, stride, padding, 1, 1),
        new BatchNorm2d(store, name + ".bn", out, affine));
  }

  /**
   * ReLU, then two stride-2 1x1 convolutions, one on x and one on x shifted by a pixel, each to
   * half the output channels, concatenated, then batch norm.
   */
  public static Op factorizedReduce(
      ParameterStore store, String name, int in, int out, boolean affine) {
    if (out % 2 != 0) {
      throw new IllegalArgumentException(
          "FactorizedReduce needs an even channel count, got " + out);
    }
    Conv2d conv1 = new Conv2d(store, name + ".conv_1", in, out / 2, 1, 2, 0, 1, 1);
    Conv2d conv2 = new Conv2d(store, name + ".conv_2", in, out / 2, 1, 2, 0, 1, 1);
    BatchNorm2d bn = new BatchNorm2d(store, name + ".bn", out, affine);
    NDIndex shifted = new NDIndex(":, :, 1:, 1:");
    int replicas = store.replicas();
    return (x, pass) -> {
      NDArray r = Activation.relu(x);
      NDArray a = conv1.forward(r, pass);
      NDArray b = conv2.forward(r.get(shifted), pass);
      return bn.forward(ChannelConcat.of(List.of(a, b), replicas), pass);
    };
  }

  private static Op sepConv(
      ParameterStore store,
      String name,
      int c,
      int kernel,
      int stride,
      int padding,
      boolean affine) {
    return new Sequence(
        RELU,
        new Conv2d(store, name + ".op.1", c, c, kernel, stride, padding, 1, c),
        new Conv2d(store, name + ".op.2", c, c, 1, 1, 0, 1, 1),
        new BatchNorm2d(store, name + ".op.3", c, affine),
        RELU,
        new Conv2d(store, name + ".op.5", c, c, kernel, 1, padding, 1, c),
        new Conv2d(store, name + ".op.6", c, c, 1, 1, 0, 1, 1),
        new BatchNorm2d(store, name + ".op.7", c, affine));
  }

  private static Op dilConv(
      ParameterStore store,
      String name,
      int c,
      int kernel,
      int stride,
      int padding,
      boolean affine) {
    return new Sequence(
        RELU,
        new Conv2d(store, name + ".op.1", c, c, kernel, stride, padding, 2, c),
        new Conv2d(store, name + ".op.2", c, c, 1, 1, 0, 1, 1),
        new BatchNorm2d(store, name + ".op.3", c, affine));
  }

  private static Op maxPool(int stride) {
    Shape s = new Shape(stride, stride);
    return (x, pass) -> Pool.maxPool2d(x, POOL_KERNEL, s, POOL_PADDING, false);
  }

  /**
   * 3x3 average pooling that does not count padding (count_include_pad=False). DJL 0.36's PyTorch
   * binding ignores its countIncludePad flag and always counts the padding, so the padded average
   * is divided by the padded average of ones (the fraction of each window that lies inside the
   * image), a map computed once per size.
   */
  private static Op avgPool(ParameterStore store, int stride) {
    Shape s = new Shape(stride, stride);
    return (x, pass) -> {
      long h = x.getShape().get(2);
      long w = x.getShape().get(3);
      NDArray inside =
          store.constant(
              "avg_pool_3x3 coverage " + h + "x" + w + "/" + stride,
              m -> {
                try (NDArray ones = m.ones(new Shape(1, 1, h, w), x.getDataType())) {
                  return Pool.avgPool2d(ones, POOL_KERNEL, s, POOL_PADDING, false, true);
                }
              });
      return Pool.avgPool2d(x, POOL_KERNEL, s, POOL_PADDING, false, true).div(inside);
    };
  }

  private static Op zero(int stride) {
    NDIndex subsample = new NDIndex(":, :, ::" + stride + ", ::" + stride);
    return (x, pass) -> (stride == 1 ? x : x.get(subsample)).zerosLike();
  }

  /**
   * RobustDARTS' NoiseOp: N(0, 1) of the (subsampled) input's shape, whatever the input's values.
   */
  private static Op noise(int stride) {
    NDIndex subsample = new NDIndex(":, :, ::" + stride + ", ::" + stride);
    return (x, pass) -> {
      Shape shape = stride == 1 ? x.getShape() : x.get(subsample).getShape();
      float[] values = pass.noise().normal(Math.toIntExact(shape.size()), 0, 1);
      return x.getManager().create(values, shape).toDevice(x.getDevice(), false);
    };
  }
}
