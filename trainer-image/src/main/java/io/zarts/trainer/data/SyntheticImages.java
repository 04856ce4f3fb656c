package io.zarts.trainer.data;

import io.zarts.api.v1alpha1.SyntheticDataSpec;
import io.zarts.trainer.data.ImageSet.Augment;
import io.zarts.trainer.data.ImageSet.Normalization;
import io.zarts.trainer.util.Rng;

/**
 * Seeded, class-dependent images a small CNN can learn: class k is a sinusoidal grating whose
 * orientation, spatial frequency and colour depend on k, with a random phase and shift per image
 * and Gaussian pixel noise. Labels cycle through the classes, so every prefix of the set is
 * balanced.
 */
public final class SyntheticImages {

  private static final double AMPLITUDE = 70;
  private static final double NOISE = 25;

  private SyntheticImages() {}

  public static ImageSet generate(SyntheticDataSpec spec, long seed, int limit) {
    int n = Math.min(limit, spec.getSamples());
    int c = spec.getChannels();
    int s = spec.getImageSize();
    int classes = spec.getClasses();
    Rng rng = Rng.derive(seed, "synthetic");
    byte[] pixels = new byte[n * c * s * s];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int k = i % classes;
      labels[i] = k;
      double angle = Math.PI * k / classes;
      double frequency = 1.5 + (k % 3);
      double phase = 2 * Math.PI * rng.nextDouble();
      double cos = Math.cos(angle);
      double sin = Math.sin(angle);
      for (int ch = 0; ch < c; ch++) {
        double colour =
            0.35
                + 0.65
                    * (0.5
                        + 0.5 * Math.cos(2 * Math.PI * ((double) k / classes + (double) ch / 3)));
        for (int y = 0; y < s; y++) {
          for (int x = 0; x < s; x++) {
            double t = 2 * Math.PI * frequency * (x * cos + y * sin) / s + phase;
            double v = 128 + AMPLITUDE * colour * Math.sin(t) + NOISE * rng.nextGaussian();
            pixels[((i * c + ch) * s + y) * s + x] =
                (byte) Math.max(0, Math.min(255, Math.round(v)));
          }
        }
      }
    }
    return new ImageSet(
        "synthetic",
        pixels,
        labels,
        c,
        s,
        s,
        classes,
        Normalization.uniform(c, 0.5f, 0.25f),
        Augment.NONE);
  }
}
