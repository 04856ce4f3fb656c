package io.zarts.trainer.cli;

import io.zarts.trainer.evaluate.EvaluationEpoch;
import io.zarts.trainer.evaluate.EvaluationListener;
import io.zarts.trainer.evaluate.EvaluationPlan;
import io.zarts.trainer.train.EpochResult;
import io.zarts.trainer.train.SearchListener;
import io.zarts.trainer.train.SearchPlan;
import io.zarts.trainer.train.StepProgress;
import java.io.PrintWriter;

/**
 * A one-line terminal progress bar (epoch, step, running loss and accuracy, elapsed time and ETA),
 * redrawn in place on a terminal; without one (a log file, a pod) it prints one line per epoch
 * instead.
 */
public final class ProgressBar implements SearchListener, EvaluationListener {

  private static final int WIDTH = 24;

  private final PrintWriter out;
  private final boolean interactive;
  private long startNanos;
  private int firstEpoch;
  private int totalEpochs;
  private int stepsPerEpoch;

  public ProgressBar(PrintWriter out, boolean interactive) {
    this.out = out;
    this.interactive = interactive;
  }

  @Override
  public void onStart(SearchPlan plan) {
    startNanos = System.nanoTime();
    firstEpoch = plan.firstEpoch();
    totalEpochs = plan.totalEpochs();
    stepsPerEpoch = plan.stepsPerEpoch();
    out.printf(
        "search %s: %s%d epochs of %d steps (alphas frozen for %d), %,d weights, on %s%n",
        plan.name(),
        plan.resumes() > 0 ? "resumed at epoch " + (plan.firstEpoch() + 1) + ", " : "",
        plan.totalEpochs() - plan.firstEpoch(),
        plan.stepsPerEpoch(),
        plan.warmupEpochs(),
        plan.weightCount(),
        plan.device());
  }

  @Override
  public void onStart(EvaluationPlan plan) {
    startNanos = System.nanoTime();
    firstEpoch = plan.firstEpoch();
    totalEpochs = plan.totalEpochs();
    stepsPerEpoch = plan.stepsPerEpoch();
    out.printf(
        "evaluation %s: %s%d epochs of %d steps, %,d parameters, %,d training and %,d test images,"
            + " on %s%n",
        plan.name(),
        plan.resumes() > 0 ? "resumed at epoch " + (plan.firstEpoch() + 1) + ", " : "",
        plan.totalEpochs() - plan.firstEpoch(),
        plan.stepsPerEpoch(),
        plan.parameters(),
        plan.trainImages(),
        plan.testImages(),
        plan.device());
  }

  @Override
  public void onEpoch(EvaluationEpoch r) {
    if (interactive) {
      out.print("\r" + " ".repeat(110) + "\r");
    }
    out.printf(
        "epoch %d/%d  train loss %.4f acc %5.1f%%  test loss %.4f acc %5.1f%%  lr %.5f  drop path"
            + " %.3f  %.1fs%n",
        r.epoch(),
        r.totalEpochs(),
        r.trainLoss(),
        100 * r.trainAccuracy(),
        r.testLoss(),
        100 * r.testAccuracy(),
        r.learningRate(),
        r.dropPath(),
        r.seconds());
    out.flush();
  }

  @Override
  public void onStep(StepProgress p) {
    if (!interactive) {
      return;
    }
    double done =
        (double) ((p.epoch() - firstEpoch) * stepsPerEpoch + p.step())
            / ((totalEpochs - firstEpoch) * (double) stepsPerEpoch);
    int filled = (int) Math.round(done * WIDTH);
    out.printf(
        "\repoch %d/%d [%s%s] step %d/%d loss %.3f acc %5.1f%% | %s elapsed, ETA %s   ",
        p.epoch() + 1,
        totalEpochs,
        "#".repeat(filled),
        "-".repeat(WIDTH - filled),
        p.step(),
        p.stepsPerEpoch(),
        p.runningLoss(),
        100 * p.runningAccuracy(),
        clock(elapsed()),
        clock(done > 0 ? elapsed() * (1 - done) / done : 0));
    out.flush();
  }

  @Override
  public void onEpoch(EpochResult r) {
    if (interactive) {
      out.print("\r" + " ".repeat(110) + "\r");
    }
    out.printf(
        "epoch %d/%d  train loss %.4f acc %5.1f%%  valid loss %.4f acc %5.1f%%  lr %.5f  %d alpha updates"
            + "  %.1fs%n",
        r.epoch(),
        r.totalEpochs(),
        r.trainLoss(),
        100 * r.trainAccuracy(),
        r.validLoss(),
        100 * r.validAccuracy(),
        r.learningRate(),
        r.alphaUpdates(),
        r.seconds());
    out.flush();
  }

  private double elapsed() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format("%02d:%02d", s / 60, s % 60);
  }
}
