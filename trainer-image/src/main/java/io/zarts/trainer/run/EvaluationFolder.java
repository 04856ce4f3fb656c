package io.zarts.trainer.run;

import io.zarts.api.genotype.Genotype;
import io.zarts.trainer.output.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The evaluation folder belongs to one genotype, named in its genotype.txt. When a longer search
 * changed the genotype, the old folder (checkpoints, model, summary) is renamed to
 * evaluation-superseded-N beside it and the new genotype starts afresh: nothing is deleted, and the
 * stale checkpoints are never resumed into another network.
 */
public final class EvaluationFolder {

  /** The genotype this folder evaluates, in DARTS text form. */
  public static final String GENOTYPE = "genotype.txt";

  private EvaluationFolder() {}

  /** Makes dir the folder of this genotype; returns where an older one was moved, if it was. */
  public static Path claim(Path dir, Genotype genotype, Consumer<String> log) {
    Path marker = dir.resolve(GENOTYPE);
    Path movedTo = null;
    try {
      if (Files.exists(marker) && !genotype.equals(Genotype.parse(Files.readString(marker)))) {
        movedTo = freeSibling(dir);
        Files.move(dir, movedTo);
        log.accept(
            "the evaluation in "
                + dir
                + " is of another genotype (the search changed it); moved to "
                + movedTo
                + " and starting afresh");
      }
      Files.createDirectories(dir);
      if (!Files.exists(marker)) {
        AtomicFiles.write(marker, genotype.getText() + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the evaluation folder " + dir, e);
    }
    return movedTo;
  }

  private static Path freeSibling(Path dir) {
    for (int n = 1; ; n++) {
      Path candidate = dir.resolveSibling(dir.getFileName() + "-superseded-" + n);
      if (!Files.exists(candidate)) {
        return candidate;
      }
    }
  }
}
