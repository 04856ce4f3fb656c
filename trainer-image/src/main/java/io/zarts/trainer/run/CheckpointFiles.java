package io.zarts.trainer.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zarts.trainer.checkpoint.CheckpointException;
import io.zarts.trainer.checkpoint.CheckpointMismatchException;
import io.zarts.trainer.checkpoint.CheckpointStore;
import io.zarts.trainer.checkpoint.NamedTensor;
import io.zarts.trainer.checkpoint.TensorFile;
import io.zarts.trainer.data.BatchStream;
import io.zarts.trainer.nn.InPlace;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Arrays and JSON in checkpoint files, shared by the search's and the evaluation's checkpoints. */
final class CheckpointFiles {

  static final ObjectMapper JSON = new ObjectMapper();

  private CheckpointFiles() {}

  static void load(CheckpointStore.Loaded checkpoint, String file, List<NDArray> targets)
      throws IOException {
    List<NamedTensor> saved;
    try (InputStream in = checkpoint.open(file)) {
      saved = TensorFile.read(in, checkpoint.dir().resolve(file).toString());
    }
    if (saved.size() != targets.size()) {
      throw new CheckpointException(
          checkpoint.dir()
              + "/"
              + file
              + " holds "
              + saved.size()
              + " arrays, this"
              + " run has "
              + targets.size()
              + ": it was written by a different network");
    }
    for (int i = 0; i < saved.size(); i++) {
      NamedTensor t = saved.get(i);
      NDArray target = targets.get(i);
      if (!Arrays.equals(t.shape(), target.getShape().getShape())) {
        throw new CheckpointException(
            checkpoint.dir()
                + "/"
                + file
                + ": array "
                + t.name()
                + " has shape "
                + Arrays.toString(t.shape())
                + ", this run expects "
                + target.getShape());
      }
      InPlace.copy(t.values(), target); // in place: weights are views of a packed array
    }
  }

  /**
   * The arrays' values on the host, in one copy from the device: flattened and concatenated there
   * first (on a GPU every copy makes the host wait for the device).
   */
  static List<NamedTensor> host(List<NDArray> arrays) {
    if (arrays.isEmpty()) {
      return List.of();
    }
    float[] all;
    try (NDManager scope = arrays.get(0).getManager().newSubManager()) {
      scope.tempAttachAll(arrays.toArray(NDArray[]::new));
      NDList flat = new NDList();
      arrays.forEach(a -> flat.add(a.reshape(-1)));
      all = (flat.size() == 1 ? flat.get(0) : NDArrays.concat(flat)).toFloatArray();
    }
    List<NamedTensor> out = new ArrayList<>();
    int offset = 0;
    for (int i = 0; i < arrays.size(); i++) {
      NDArray a = arrays.get(i);
      int size = Math.toIntExact(a.size());
      out.add(
          new NamedTensor(
              a.getName() == null ? "array." + i : a.getName(),
              a.getShape().getShape(),
              Arrays.copyOfRange(all, offset, offset + size)));
      offset += size;
    }
    return out;
  }

  /**
   * Puts a data stream's saved position back; a position saved over another data split (the stream
   * refuses it) is this checkpoint not matching the run.
   */
  static void restore(
      CheckpointStore.Loaded checkpoint, BatchStream stream, BatchStream.State state) {
    try {
      stream.restore(state);
    } catch (IllegalStateException e) {
      throw new CheckpointMismatchException(
          "checkpoint " + checkpoint.dir() + " belongs to a different run: " + e.getMessage(), e);
    }
  }

  static byte[] json(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
