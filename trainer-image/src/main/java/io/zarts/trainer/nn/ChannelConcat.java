package io.zarts.trainer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Concatenation along channels that keeps stacked replicas apart: with replicas, each input is [B,
 * replicas * c_i, H, W] with copy r in block r, and the result puts copy r's parts together in
 * block r.
 */
public final class ChannelConcat {

  private ChannelConcat() {}

  public static NDArray of(List<NDArray> parts, int replicas) {
    if (replicas == 1) {
      return NDArrays.concat(new NDList(parts.toArray(NDArray[]::new)), 1);
    }
    NDList split = new NDList();
    long channels = 0;
    Shape first = parts.get(0).getShape();
    for (NDArray p : parts) {
      Shape s = p.getShape();
      split.add(p.reshape(s.get(0), replicas, s.get(1) / replicas, s.get(2), s.get(3)));
      channels += s.get(1);
    }
    return NDArrays.concat(split, 2).reshape(first.get(0), channels, first.get(2), first.get(3));
  }
}
