package io.zarts.trainer.run;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zarts.trainer.checkpoint.CheckpointException;
import io.zarts.trainer.checkpoint.CheckpointStore;
import io.zarts.trainer.checkpoint.NamedTensor;
import io.zarts.trainer.checkpoint.TensorFile;
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

  static List<NamedTensor> host(List<NDArray> arrays) {
    List<NamedTensor> out = new ArrayList<>();
    for (int i = 0; i < arrays.size(); i++) {
      NDArray a = arrays.get(i);
      out.add(
          new NamedTensor(
              a.getName() == null ? "array." + i : a.getName(),
              a.getShape().getShape(),
              a.toFloatArray()));
    }
    return out;
  }

  static byte[] json(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
