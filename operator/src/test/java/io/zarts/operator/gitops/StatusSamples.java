package io.zarts.operator.gitops;

import java.util.Arrays;
import java.util.List;

/**
 * Status samples as the operator writes them (conditions type/status/reason/message, kstatus'
 * Reconciling and Stalled included), with the health Argo CD and Flux must derive from each. Both
 * health checks are tested on this one table.
 */
final class StatusSamples {

  /** One status: its conditions, Argo CD's status and message, and Flux's kstatus result. */
  record Sample(
      String name, String[] conditions, String argoStatus, String argoMessage, String flux) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final String TABLE =
      """
      running     | Ready/True/Running/epoch 3 of 50;Failed/False/Running;Succeeded/Unknown/Running;Reconciling/True/Running/epoch 3 of 50;Stalled/False/NotStalled | Progressing | Running: epoch 3 of 50 | InProgress
      pending     | Ready/False/Unschedulable/0/3 nodes are available: 3 Insufficient nvidia.com/gpu;Succeeded/Unknown/Running;Reconciling/True/Unschedulable/0/3 nodes are available: 3 Insufficient nvidia.com/gpu;Stalled/False/NotStalled | Progressing | Unschedulable: 0/3 nodes are available: 3 Insufficient nvidia.com/gpu | InProgress
      claim       | Ready/False/ClaimPending/the checkpoint claim s-checkpoints is not bound;Succeeded/Unknown/Pending;Reconciling/True/ClaimPending/the checkpoint claim s-checkpoints is not bound;Stalled/False/NotStalled | Progressing | ClaimPending: the checkpoint claim s-checkpoints is not bound | InProgress
      refused     | Ready/False/QuotaExceeded/exceeded quota: team-quota;Succeeded/Unknown/JobRefused;Failed/False/JobRefused;Reconciling/True/QuotaExceeded/exceeded quota: team-quota;Stalled/False/NotStalled | Progressing | QuotaExceeded: exceeded quota: team-quota | InProgress
      queued      | Ready/False/Queued/waiting for Kueue;Succeeded/Unknown/Queued;Reconciling/True/Queued/waiting for Kueue;Stalled/False/NotStalled | Progressing | Queued: waiting for Kueue | InProgress
      succeeded   | Ready/True/Completed/the genotype is final;Succeeded/True/Completed/searched 3 epochs;Failed/False/Completed;Reconciling/False/Idle;Stalled/False/NotStalled | Healthy | Completed: searched 3 epochs | Current
      budget      | Ready/True/BudgetExhausted/the genotype is the one found within the budget;Succeeded/True/BudgetExhausted/training.maxDuration 6h used up after 12 of 50 epochs;Failed/False/BudgetExhausted;Reconciling/False/Idle;Stalled/False/NotStalled | Healthy | BudgetExhausted: training.maxDuration 6h used up after 12 of 50 epochs | Current
      suspending  | Suspended/True/Suspending/the trainer is checkpointing before it stops;Ready/False/Suspended;Failed/False/Suspended;Reconciling/True/Suspending/the trainer is checkpointing before it stops;Stalled/False/NotStalled | Progressing | Suspending: the trainer is checkpointing before it stops | InProgress
      suspended   | Suspended/True/Suspended/spec.suspend is true;Ready/False/Suspended;Failed/False/Suspended;Reconciling/False/Idle;Stalled/False/NotStalled | Suspended | Suspended: spec.suspend is true | Current
      invalid     | Failed/True/InvalidSpec/spec.training.epochs: must be at least 1;Ready/False/InvalidSpec;Reconciling/False/Idle;Stalled/True/InvalidSpec/spec.training.epochs: must be at least 1 | Degraded | InvalidSpec: spec.training.epochs: must be at least 1 | Failed
      trainer     | Failed/True/BackoffLimitExceeded/the trainer failed 7 times;Ready/False/TrainerFailed;Reconciling/False/Idle;Stalled/True/BackoffLimitExceeded/the trainer failed 7 times | Degraded | BackoffLimitExceeded: the trainer failed 7 times | Failed
      volume      | Failed/True/CheckpointVolumeFull/the checkpoint volume is full;Ready/False/TrainerFailed;Reconciling/False/Idle;Stalled/True/CheckpointVolumeFull/the checkpoint volume is full | Degraded | CheckpointVolumeFull: the checkpoint volume is full | Failed
      unreadable  | Succeeded/False/ResultUnreadable/no progress report;Failed/False/Completed;Ready/False/ResultUnreadable;Reconciling/False/Idle;Stalled/True/ResultUnreadable/no progress report | Degraded | ResultUnreadable: no progress report | Failed
      evaluating  | Evaluating/True/SearchSucceeded/retraining;Ready/True/Running/evaluation epoch 2 of 600;Succeeded/Unknown/Running;Reconciling/True/Running/evaluation epoch 2 of 600;Stalled/False/NotStalled | Progressing | Evaluating: Running: evaluation epoch 2 of 600 | InProgress
      evaluated   | Succeeded/True/Evaluated/test accuracy 0.9712 after 600 evaluation epochs;Evaluating/False/Ended;Ready/True/Evaluated;Reconciling/False/Idle;Stalled/False/NotStalled | Healthy | Evaluated: test accuracy 0.9712 after 600 evaluation epochs | Current
      eval-failed | Failed/True/BackoffLimitExceeded/the evaluation Job failed;Evaluating/False/Failed;Ready/False/EvaluationFailed;Reconciling/False/Idle;Stalled/True/BackoffLimitExceeded/the evaluation Job failed | Degraded | BackoffLimitExceeded: the evaluation Job failed | Failed
      """;

  private StatusSamples() {}

  static List<Sample> all() {
    return TABLE
        .lines()
        .filter(line -> !line.isBlank())
        .map(
            line -> {
              String[] f =
                  Arrays.stream(line.split("\\|")).map(String::strip).toArray(String[]::new);
              return new Sample(f[0], f[1].split(";"), f[2], f[3], f[4]);
            })
        .toList();
  }
}
