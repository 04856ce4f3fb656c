package io.zarts.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zarts.trainer.checkpoint.CheckpointBusyException;
import io.zarts.trainer.checkpoint.CheckpointException;
import io.zarts.trainer.checkpoint.CheckpointVolumeFullException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** Each failure gets its documented exit code and one line that says what happened, first. */
class FailureTest {

  record Reported(int code, String text) {
    String firstLine() {
      return text.lines().findFirst().orElse("");
    }
  }

  static Reported report(RuntimeException e) {
    StringWriter text = new StringWriter();
    int code = Failure.report(e, new PrintWriter(text, true));
    return new Reported(code, text.toString());
  }

  @Test
  void aBusyCheckpointFolderIsRetried() {
    Reported r = report(new CheckpointBusyException("another trainer still holds it"));
    assertThat(r.code()).isEqualTo(ExitCodes.CHECKPOINT_BUSY).isEqualTo(4);
    assertThat(r.text())
        .isEqualTo("error: another trainer still holds it" + System.lineSeparator());
  }

  @Test
  void aFullVolumeHasItsOwnCodeAndNoStackTrace() {
    Reported r =
        report(
            new CheckpointVolumeFullException(
                "the checkpoint volume is full", new IOException("No space left on device")));
    assertThat(r.code()).isEqualTo(ExitCodes.CHECKPOINT_VOLUME_FULL).isEqualTo(5);
    assertThat(r.text()).doesNotContain("\tat ");
  }

  @Test
  void otherCheckpointProblemsAreUnrecoverable() {
    assertThat(report(new CheckpointException("identity mismatch")).code())
        .isEqualTo(ExitCodes.UNRECOVERABLE);
  }

  @Test
  void anUnexpectedExceptionSaysWhatHappenedBeforeItsStackTrace() {
    Reported r = report(new UncheckedIOException("cannot read x", new IOException("boom")));
    assertThat(r.code()).isEqualTo(ExitCodes.INTERNAL);
    assertThat(r.firstLine()).isEqualTo("error: unexpected UncheckedIOException: cannot read x");
    assertThat(r.text()).contains("\tat ");
  }

  @Test
  void outOfSpaceIsRecognisedThroughCauses() {
    assertThat(
            CheckpointVolumeFullException.isOutOfSpace(
                new UncheckedIOException(new IOException("No space left on device"))))
        .isTrue();
    assertThat(CheckpointVolumeFullException.isOutOfSpace(new IOException("Disk quota exceeded")))
        .isTrue();
    assertThat(CheckpointVolumeFullException.isOutOfSpace(new IOException("Permission denied")))
        .isFalse();
  }
}
