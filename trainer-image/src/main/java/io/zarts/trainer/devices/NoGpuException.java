package io.zarts.trainer.devices;

/**
 * A search asked for GPUs this trainer cannot give it. The trainer stops at start rather than run
 * for days on the CPU; an invalid configuration for this image and node, so the Job does not retry.
 */
public final class NoGpuException extends IllegalArgumentException {

  /** What is missing, as the first words of the message say. */
  public enum Cause {
    CPU_ONLY_ENGINE("CPU-only engine in the image"),
    NO_GPU_VISIBLE("no GPU visible"),
    FEWER_THAN_REQUESTED("fewer GPUs visible than requested");

    private final String words;

    Cause(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }

  /** The termination summary's reason, which the operator turns into the NoGPU condition. */
  public static final String REASON = "NoGPU";

  private final Cause cause;

  NoGpuException(Cause cause, String detail) {
    super(cause.words() + ": " + detail);
    this.cause = cause;
  }

  public Cause cause() {
    return cause;
  }
}
