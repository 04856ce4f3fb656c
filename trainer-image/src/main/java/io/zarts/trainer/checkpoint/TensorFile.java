package io.zarts.trainer.checkpoint;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The checkpoint's tensor format: magic "ZTEN", version, count, then per tensor its name, rank,
 * dimensions and float32 values, big-endian. Small, self-describing, and independent of DJL's own
 * (non-atomic) model format.
 */
public final class TensorFile {

  private static final int MAGIC = 0x5A54454E; // "ZTEN"
  private static final int VERSION = 1;

  private TensorFile() {}

  public static void write(OutputStream raw, List<NamedTensor> tensors) throws IOException {
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(tensors.size());
    for (NamedTensor t : tensors) {
      out.writeUTF(t.name());
      out.writeInt(t.shape().length);
      for (long d : t.shape()) {
        out.writeLong(d);
      }
      for (float v : t.values()) {
        out.writeFloat(v);
      }
    }
    out.flush();
  }

  public static List<NamedTensor> read(InputStream raw, String what) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
    try {
      if (in.readInt() != MAGIC) {
        throw new IOException(what + " is not a zarts tensor file");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IOException(
            what + " has tensor format " + version + ", this build reads " + VERSION);
      }
      int count = in.readInt();
      List<NamedTensor> tensors = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        String name = in.readUTF();
        int rank = in.readInt();
        if (rank < 0 || rank > 8) {
          throw new IOException(what + ": tensor " + name + " has rank " + rank);
        }
        long[] shape = new long[rank];
        long size = 1;
        for (int r = 0; r < rank; r++) {
          shape[r] = in.readLong();
          size *= shape[r];
        }
        if (size < 0 || size > Integer.MAX_VALUE) {
          throw new IOException(what + ": tensor " + name + " has " + size + " values");
        }
        float[] values = new float[(int) size];
        for (int v = 0; v < values.length; v++) {
          values[v] = in.readFloat();
        }
        tensors.add(new NamedTensor(name, shape, values));
      }
      return tensors;
    } catch (EOFException e) {
      throw new IOException(what + " ends early (truncated)", e);
    }
  }
}
