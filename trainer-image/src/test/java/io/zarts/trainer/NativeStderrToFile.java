package io.zarts.trainer;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Sends the native stderr of the test JVM (file descriptor 2) to target/native-stderr.log. On CPUs
 * without NNPACK support libtorch logs "Could not initialize NNPACK" at every convolution, which
 * buried the CI log under ~15,000 identical lines. Java's System.err is untouched (surefire
 * captures it separately); child processes the tests start redirect their own stderr.
 */
public final class NativeStderrToFile implements LauncherSessionListener {

  private static final int O_WRONLY = 1;
  private static final int O_CREAT = 0100;
  private static final int O_APPEND = 02000;
  private static final int STDERR = 2;

  /** The two libc calls needed. */
  interface LibC extends Library {
    int open(String path, int flags, int mode);

    int dup2(int oldFd, int newFd);
  }

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
      return;
    }
    try {
      LibC libc = Native.load("c", LibC.class);
      int fd = libc.open("target/native-stderr.log", O_WRONLY | O_CREAT | O_APPEND, 0644);
      if (fd >= 0) {
        libc.dup2(fd, STDERR);
      }
    } catch (RuntimeException | LinkageError e) {
      // Without JNA or libc the noise stays; nothing else depends on this.
    }
  }
}
