package io.zarts.trainer.train;

/**
 * Where the loop stands, everything a resume needs besides the arrays and generators: the epoch
 * (0-based, the number of finished epochs), steps done in it, weight steps in total, the epoch's
 * running sums, the best validation accuracy so far (-1 before the first epoch), and how often the
 * search has resumed, and the trainer's running time so far across all attempts (what
 * training.maxDuration limits).
 */
public record LoopPosition(
    int epoch,
    int step,
    long globalStep,
    double lossSum,
    double correctSum,
    long images,
    int alphaUpdates,
    double bestAccuracy,
    int bestEpoch,
    int resumes,
    double runSeconds) {

  public static LoopPosition start() {
    return startingAt(0);
  }

  /** A fresh run that begins at the given epoch. */
  public static LoopPosition startingAt(int epoch) {
    return new LoopPosition(epoch, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0);
  }

  /** The same position in a resumed process. */
  public LoopPosition resumed() {
    return new LoopPosition(
        epoch,
        step,
        globalStep,
        lossSum,
        correctSum,
        images,
        alphaUpdates,
        bestAccuracy,
        bestEpoch,
        resumes + 1,
        runSeconds);
  }
}
