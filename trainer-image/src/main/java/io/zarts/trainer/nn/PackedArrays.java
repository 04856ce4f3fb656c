package io.zarts.trainer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * Arrays re-homed as views of one flat array, so that a whole network's update, snapshot or restore
 * is a handful of native operations instead of several per array (a DARTS supernet has hundreds of
 * weight arrays, and on a GPU every operation costs a dispatch whatever its size). The arrays keep
 * their Java objects, names and shapes: every layer that holds one keeps working, and writing the
 * flat array writes them.
 *
 * <p>Gradients cannot be packed the same way (DJL cannot point a weight's gradient at a view), so
 * {@link #gradient()} gathers them into one flat array with a single concatenation. It keeps a flat
 * view of each gradient from the first call on: PyTorch accumulates a first-order backward into an
 * existing gradient in place and DJL zeroes it in place, so the views stay valid.
 *
 * <p>All packed arrays share one autograd version counter: writing any of them (or the flat array)
 * in place between a forward pass and its backward would invalidate every saved weight, so the
 * optimizer, restores and loads only ever run outside that window. Weights and batch-norm
 * statistics are packed separately for the same reason (batch norm updates its statistics during
 * the forward pass).
 *
 * <p>Never {@code set(Buffer)} or {@code copyTo} a packed array: on the PyTorch engine both give it
 * new storage and cut it loose from the flat array. Use {@link InPlace}.
 */
public final class PackedArrays {

  private final NDManager home;
  private final NDArray flat;
  private List<NDArray>
      arrays; // made on first use for zerosLike: most such buffers never need them
  private final List<NDArray> template;
  private final String nameSuffix;
  private List<NDArray> gradientViews;
  private List<NDArray> replicaGradientViews;
  private int replicaGradientCount;

  private PackedArrays(
      NDManager home, NDArray flat, List<NDArray> arrays, List<NDArray> template, String suffix) {
    this.home = home;
    this.flat = flat;
    this.arrays = arrays;
    this.template = template;
    this.nameSuffix = suffix;
  }

  /**
   * Packs the arrays (all of one data type and device) into a new flat array on manager, in order.
   * Each array's values are kept; a trainable array still requires a gradient afterwards.
   */
  public static PackedArrays pack(NDManager manager, List<NDArray> arrays, boolean trainable) {
    long total = arrays.stream().mapToLong(NDArray::size).sum();
    NDArray flat =
        arrays.isEmpty()
            ? manager.zeros(new Shape(0))
            : manager.zeros(
                new Shape(total), arrays.get(0).getDataType(), arrays.get(0).getDevice());
    long offset = 0;
    for (NDArray array : arrays) {
      long size = array.size();
      NDArray view = flat.get(new NDIndex().addSliceDim(offset, offset + size));
      NDArray shaped = view.reshape(array.getShape());
      view.close();
      InPlace.copy(array, shaped);
      array.intern(shaped); // the array now holds the view; its old storage is freed
      if (trainable) {
        array.setRequiresGradient(true);
      }
      offset += size;
    }
    flat.setName("packed");
    return new PackedArrays(manager, flat, List.copyOf(arrays), null, null);
  }

  /**
   * A zero-filled flat array on manager whose {@link #arrays()} are views shaped and named like
   * these arrays (with the suffix), made when first asked for.
   */
  public PackedArrays zerosLike(NDManager manager, String suffix) {
    NDArray zeros = manager.zeros(flat.getShape(), flat.getDataType(), flat.getDevice());
    return new PackedArrays(manager, zeros, null, arrays(), suffix);
  }

  /** The flat array: every packed array is a view of it. */
  public NDArray flat() {
    return flat;
  }

  /** The packed arrays, in packing order. */
  public List<NDArray> arrays() {
    if (arrays == null) {
      List<NDArray> views = new ArrayList<>();
      long offset = 0;
      for (NDArray like : template) {
        NDArray slice = flat.get(new NDIndex().addSliceDim(offset, offset + like.size()));
        NDArray view = reshapedAtHome(slice, like.getShape());
        slice.close();
        view.setName(like.getName() + nameSuffix);
        views.add(view);
        offset += like.size();
      }
      arrays = List.copyOf(views);
    }
    return arrays;
  }

  /**
   * The arrays' gradients, concatenated flat in packing order. Call after a backward pass, inside a
   * step scope holding {@link #flat()}: the result is attached to that scope.
   */
  public NDArray gradient() {
    return inScope(NDArrays.concat(new NDList(gradientViews())));
  }

  /**
   * For arrays that stack replicas along their first axis: the gradients as [replicas, the rest],
   * replica r's blocks of every array in row r. Like {@link #gradient()}, attached to the scope.
   */
  public NDArray gradientByReplica(int replicas) {
    return inScope(NDArrays.concat(new NDList(gradientViews(replicas)), 1));
  }

  /**
   * Each array's gradient as a flat view (valid across steps, see the class comment). Created on
   * first use, after the first backward pass.
   */
  public List<NDArray> gradientViews() {
    if (gradientViews == null) {
      List<NDArray> views = new ArrayList<>();
      for (NDArray array : arrays) {
        // DJL's getGradient answers zeros for a weight without a gradient; cached, that weight
        // would silently stop learning, so ask the engine directly and refuse.
        NDArray gradient = JniUtils.getGradient((PtNDArray) array);
        if (gradient == null) {
          throw new IllegalStateException(
              "weight "
                  + array.getName()
                  + " has no gradient: every packed weight must take part in the backward pass"
                  + " before its gradients are gathered");
        }
        views.add(reshapedAtHome(gradient, new Shape(-1)));
        gradient.close();
      }
      gradientViews = List.copyOf(views);
    }
    return gradientViews;
  }

  /** Each array's gradient as a [replicas, the rest] view; scaling one scales the gradient. */
  public List<NDArray> gradientViews(int replicas) {
    if (replicaGradientViews == null) {
      replicaGradientViews =
          gradientViews().stream().map(g -> reshapedAtHome(g, new Shape(replicas, -1))).toList();
      replicaGradientCount = replicas;
    } else if (replicas != replicaGradientCount) {
      throw new IllegalArgumentException(
          "these arrays stack " + replicaGradientCount + " replicas, not " + replicas);
    }
    return replicaGradientViews;
  }

  /** A copy of the flat array on manager. */
  public NDArray snapshot(NDManager manager) {
    NDArray copy = flat.mul(1); // exact for every value, NaN and -0 included
    copy.attach(manager);
    return copy;
  }

  /** Overwrites every packed array from a flat array of the same size, in place. */
  public void restore(NDArray flatValues) {
    InPlace.copy(flatValues, flat);
  }

  private NDArray reshapedAtHome(NDArray array, Shape shape) {
    NDArray view = array.reshape(shape);
    view.attach(home);
    return view;
  }

  private NDArray inScope(NDArray array) {
    array.attach(scopeOfFlat());
    return array;
  }

  /**
   * The manager the flat array is on now: the caller's step scope, which temporarily holds it, or
   * its home manager, in which case arrays made here would never be freed.
   */
  private NDManager scopeOfFlat() {
    NDManager current = flat.getManager();
    if (current == home) {
      throw new IllegalStateException(
          "packed arrays used outside a step scope: open a StepScope that holds their flat array");
    }
    return current;
  }
}
