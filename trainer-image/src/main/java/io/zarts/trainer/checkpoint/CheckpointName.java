package io.zarts.trainer.checkpoint;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checkpoint folder names: epoch-NNNNNN after NNNNNN finished epochs, epoch-NNNNNN-step-SSSSSS when
 * taken SSSSSS steps into the next epoch (on SIGTERM). They order by (epoch, step).
 */
public record CheckpointName(int epoch, int step) {

  private static final Pattern NAME = Pattern.compile("epoch-(\\d{6})(?:-step-(\\d{6}))?");
  public static final Comparator<CheckpointName> ORDER =
      Comparator.comparingInt(CheckpointName::epoch).thenComparingInt(CheckpointName::step);

  public static Optional<CheckpointName> parse(String folder) {
    Matcher m = NAME.matcher(folder);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new CheckpointName(
            Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2))));
  }

  @Override
  public String toString() {
    return step == 0
        ? String.format("epoch-%06d", epoch)
        : String.format("epoch-%06d-step-%06d", epoch, step);
  }
}
