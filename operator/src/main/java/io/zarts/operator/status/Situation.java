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
      row(FAILED, "True", "InvalidSpec", null),
      row(READY, "False", "InvalidSpec", "the resource is invalid; no trainer is started"),
      row(SUCCEEDED, "False", "InvalidSpec", "")),
  IMMUTABLE_FIELD_CHANGED(
      false,
      row(
          FAILED,
          "True",
          "ImmutableFieldChanged",
          "a field that the checkpoints depend on changed (dataset,"
              + " searchSpace, optimizer, training other than epochs, or the checkpoint claim); restore it or create a"
              + " new ArchitectureSearch"),
      row(READY, "False", "ImmutableFieldChanged", "no new trainer is started"),
      row(SUCCEEDED, "False", "ImmutableFieldChanged", "")),
  COMPLETED(
      true,
      row(SUCCEEDED, "True", "Completed", null),
      row(READY, "True", "Completed", "the genotype is final"),
      row(FAILED, "False", "Completed", "")),
  RESULT_UNREADABLE(
      true,
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
      row(FAILED, "True", null, null),
      row(READY, "False", "TrainerFailed", ""),
      row(SUCCEEDED, "False", "TrainerFailed", "")),
  SUSPENDED_OR_SUSPENDING(
      false,
      row(SUSPENDED, "True", null, null),
      row(READY, "False", "Suspended", ""),
      row(FAILED, "False", "Suspended", ""),
      row(SUCCEEDED, "Unknown", "Suspended", "")),
  CREATING(
      false,
      row(READY, "False", "Creating", "creating the trainer Job"),
      row(FAILED, "False", "Creating", ""),
      row(SUCCEEDED, "Unknown", "Creating", "")),
  QUEUED(
      false,
      row(READY, "False", "Queued", null),
      row(FAILED, "False", "Queued", ""),
      row(SUCCEEDED, "Unknown", "Queued", "")),
  POD_PROBLEM(
      false,
      row(READY, "False", null, null),
      row(FAILED, "False", "Running", ""),
      row(SUCCEEDED, "Unknown", "Running", "")),
  RUNNING(
      false,
      row(READY, "True", "Running", null),
      row(FAILED, "False", "Running", ""),
      row(SUCCEEDED, "Unknown", "Running", "")),
  PENDING(
      false,
      row(READY, "False", "Pending", "waiting for the trainer pod"),
      row(FAILED, "False", "Running", ""),
      row(SUCCEEDED, "Unknown", "Running", ""));

  /** One condition a situation sets; null reason or message: the verdict's. */
  record Row(String type, String status, String reason, String message) {}

  /**
   * True for the situations in which the trainer has ended for good: they stamp the completion
   * time.
   */
  final boolean finished;

  final List<Row> rows;

  Situation(boolean finished, Row... rows) {
    this.finished = finished;
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
