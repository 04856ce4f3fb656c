package io.zarts.operator.status;

import static io.zarts.operator.status.Conditions.FAILED;
import static io.zarts.operator.status.Conditions.READY;
import static io.zarts.operator.status.Conditions.SUCCEEDED;
import static io.zarts.operator.status.Conditions.SUSPENDED;

import java.util.List;

/**
 * Every situation a search can be in, each with the conditions it sets: one row per condition type
 * with its status, reason and message. A null reason or message in a row stands for the observed
 * one ({@link Verdict}), for example the API server's validation messages or the reason the Job
 * controller gave.
 */
enum Situation {
  INVALID_SPEC(
      false,
      true,
      row(FAILED, "True", "InvalidSpec", null),
      row(READY, "False", "InvalidSpec", "the resource is invalid; no trainer is started"),
      row(SUCCEEDED, "False", "InvalidSpec", "")),
  IMMUTABLE_FIELD_CHANGED(
      false,
      true,
      row(
          FAILED,
          "True",
          "ImmutableFieldChanged",
          "a field that the checkpoints depend on changed (dataset,"
              + " searchSpace, optimizer, training other than epochs and maxDuration, or the checkpoint claim); restore it or create a"
              + " new ArchitectureSearch"),
      row(READY, "False", "ImmutableFieldChanged", "no new trainer is started"),
      row(SUCCEEDED, "False", "ImmutableFieldChanged", "")),
  COMPLETED(
      true,
      false,
      row(SUCCEEDED, "True", "Completed", null),
      row(READY, "True", "Completed", "the genotype is final"),
      row(FAILED, "False", "Completed", "")),
  BUDGET_EXHAUSTED(
      true,
      false,
      row(SUCCEEDED, "True", "BudgetExhausted", null),
      row(READY, "True", "BudgetExhausted", "the genotype is the one found within the budget"),
      row(FAILED, "False", "BudgetExhausted", "")),
  RESULT_UNREADABLE(
      true,
      false,
      row(
          SUCCEEDED,
          "False",
          "ResultUnreadable",
          "the trainer finished but neither its progress report nor its"
              + " termination message holds a readable result; it is on the checkpoint claim"),
      row(READY, "False", "ResultUnreadable", ""),
      row(FAILED, "False", "Completed", "")),
  TRAINER_FAILED(
      true,
      false,
      row(FAILED, "True", null, null),
      row(READY, "False", "TrainerFailed", ""),
      row(SUCCEEDED, "False", "TrainerFailed", "")),
  SUSPENDED_OR_SUSPENDING(
      false,
      false,
      row(SUSPENDED, "True", null, null),
      row(READY, "False", "Suspended", ""),
      row(FAILED, "False", "Suspended", ""),
      row(SUCCEEDED, "Unknown", "Suspended", "")),
  EVALUATED(
      true,
      false,
      row(SUCCEEDED, "True", "Evaluated", null),
      row(
          READY,
          "True",
          "Evaluated",
          "the genotype is final and its retrained model is on the checkpoint claim"),
      row(FAILED, "False", "Evaluated", "")),
  EVALUATION_RESULT_UNREADABLE(
      true,
      false,
      row(
          SUCCEEDED,
          "False",
          "EvaluationResultUnreadable",
          "the evaluation finished but neither its progress report nor its termination message"
              + " holds a test accuracy; its summary.json is on the checkpoint claim"),
      row(READY, "False", "EvaluationResultUnreadable", ""),
      row(FAILED, "False", "Evaluated", "")),
  EVALUATION_FAILED(
      true,
      false,
      row(FAILED, "True", null, null),
      row(READY, "False", "EvaluationFailed", ""),
      row(SUCCEEDED, "False", "EvaluationFailed", "")),
  /**
   * The stage ended for good earlier and its finished Job is gone: the conditions stay as they
   * were.
   */
  ENDED(true, false),
  WAITING_FOR_PREVIOUS_TRAINER(
      false,
      false,
      row(READY, "False", "WaitingForPreviousTrainer", null),
      row(FAILED, "False", "WaitingForPreviousTrainer", ""),
      row(SUCCEEDED, "Unknown", "WaitingForPreviousTrainer", "")),
  /** The API server refused the Job (quota, policy, invalid); retried with back-off. */
  JOB_REFUSED(
      false,
      false,
      row(READY, "False", null, null),
      row(FAILED, "False", "JobRefused", ""),
      row(SUCCEEDED, "Unknown", "JobRefused", "")),
  POD_REFUSED(
      false,
      false,
      row(READY, "False", null, null),
      row(FAILED, "False", "FailedCreate", ""),
      row(SUCCEEDED, "Unknown", "FailedCreate", "")),
  CREATING(
      false,
      false,
      row(READY, "False", "Creating", null),
      row(FAILED, "False", "Creating", ""),
      row(SUCCEEDED, "Unknown", "Creating", "")),
  QUEUED(
      false,
      false,
      row(READY, "False", "Queued", null),
      row(FAILED, "False", "Queued", ""),
      row(SUCCEEDED, "Unknown", "Queued", "")),
  POD_PROBLEM(
      false,
      false,
      row(READY, "False", null, null),
      row(FAILED, "False", "Running", ""),
      row(SUCCEEDED, "Unknown", "Running", "")),
  RUNNING(
      false,
      false,
      row(READY, "True", "Running", null),
      row(FAILED, "False", "Running", ""),
      row(SUCCEEDED, "Unknown", "Running", "")),
  /**
   * No trainer container runs yet: waiting for the pod, the scheduler, the claim or the container,
   * with the reason and message of what it waits for.
   */
  PENDING(
      false,
      false,
      row(READY, "False", null, null),
      row(FAILED, "False", "Pending", ""),
      row(SUCCEEDED, "Unknown", "Pending", ""));

  /** One condition a situation sets; null reason or message: the verdict's. */
  record Row(String type, String status, String reason, String message) {}

  /**
   * True for the situations in which the trainer has ended for good: they stamp the completion
   * time.
   */
  final boolean finished;

  /** True for the situations in which the spec is refused and no trainer runs. */
  final boolean rejectsSpec;

  final List<Row> rows;

  Situation(boolean finished, boolean rejectsSpec, Row... rows) {
    this.finished = finished;
    this.rejectsSpec = rejectsSpec;
    this.rows = List.of(rows);
  }

  private static Row row(String type, String status, String reason, String message) {
    return new Row(type, status, reason, message);
  }

  /**
   * Sets this situation's conditions, filling the verdict's reason and message where a row leaves
   * them open.
   */
  void apply(Verdict verdict, Conditions conditions) {
    for (Row r : rows) {
      conditions.set(
          r.type(),
          r.status(),
          r.reason() != null ? r.reason() : verdict.reason(),
          r.message() != null ? r.message() : verdict.message());
    }
  }

  /** A situation with what was observed in it: the reason and message that its open rows take. */
  record Verdict(Situation situation, String reason, String message) {

    static Verdict of(Situation situation) {
      return new Verdict(situation, null, "");
    }

    static Verdict of(Situation situation, String message) {
      return new Verdict(situation, null, message);
    }
  }
}
