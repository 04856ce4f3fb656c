package io.zarts.trainer.util;

import java.util.Arrays;

/**
 * A seeded xoshiro256** generator whose whole state is four longs plus a cached Gaussian, so a
 * checkpoint can save and restore it exactly. Every random stream of the trainer (initial weights,
 * data order, augmentation, perturbations) comes from one of these, never from the engine's global
 * generator.
 */
public final class Rng {

  private final long[] s = new long[4];
  private boolean hasSpare;
  private double spare;

  public Rng(long seed) {
    long x = seed;
    for (int i = 0; i < 4; i++) {
      x += 0x9E3779B97F4A7C15L;
      long z = x;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      s[i] = z ^ (z >>> 31);
    }
  }

  /** An independent stream derived from this seed and a name, e.g. "data" or "init". */
  public static Rng derive(long seed, String stream) {
    return new Rng(seed * 0x9E3779B97F4A7C15L + stream.hashCode());
  }

  public long nextLong() {
    long result = Long.rotateLeft(s[1] * 5, 7) * 9;
    long t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = Long.rotateLeft(s[3], 45);
    return result;
  }

  /** Uniform in [0, 1). */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound). */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    long r = nextLong() >>> 1;
    long m = bound - 1L;
    long u = r;
    while (u - (r = u % bound) + m < 0) {
      u = nextLong() >>> 1;
    }
    return (int) r;
  }

  /** Standard normal (Marsaglia polar method). */
  public double nextGaussian() {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    double u;
    double v;
    double q;
    do {
      u = 2 * nextDouble() - 1;
      v = 2 * nextDouble() - 1;
      q = u * u + v * v;
    } while (q >= 1 || q == 0);
    double f = Math.sqrt(-2 * Math.log(q) / q);
    spare = v * f;
    hasSpare = true;
    return u * f;
  }

  /** Fills an array with uniform values in [-bound, bound). */
  public float[] uniform(int n, double bound) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) ((2 * nextDouble() - 1) * bound);
    }
    return out;
  }

  /** Fills an array with N(mean, std) values. */
  public float[] normal(int n, double mean, double std) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (mean + std * nextGaussian());
    }
    return out;
  }

  /** A random permutation of 0..n-1 (Fisher-Yates). */
  public int[] permutation(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** The full state: 4 generator words, the spare flag and the spare's bits. */
  public long[] state() {
    long[] out = Arrays.copyOf(s, 6);
    out[4] = hasSpare ? 1 : 0;
    out[5] = Double.doubleToRawLongBits(spare);
    return out;
  }

  /** Restores a state returned by {@link #state()}. */
  public void restore(long[] state) {
    if (state.length != 6) {
      throw new IllegalArgumentException("an Rng state has 6 words, got " + state.length);
    }
    System.arraycopy(state, 0, s, 0, 4);
    hasSpare = state[4] != 0;
    spare = Double.longBitsToDouble(state[5]);
  }
}
