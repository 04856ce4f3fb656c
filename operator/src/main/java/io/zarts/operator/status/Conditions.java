package io.zarts.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The condition set of a search: Ready, Succeeded, Failed, Suspended, CheckpointAvailable,
 * Evaluating when the spec asks for the evaluation stage, and kstatus' Reconciling and Stalled.
 * Setting a condition keeps its lastTransitionTime unless its status flips; messages are capped at
 * 1 KiB.
 */
public final class Conditions {

  public static final String READY = "Ready";
  public static final String SUCCEEDED = "Succeeded";
  public static final String FAILED = "Failed";
  public static final String SUSPENDED = "Suspended";
  public static final String EVALUATING = "Evaluating";
  public static final String CHECKPOINT_AVAILABLE = "CheckpointAvailable";

  /** kstatus: True while the operator or the trainer is working toward the spec. */
  public static final String RECONCILING = "Reconciling";

  /** kstatus: True when the search cannot get further without the user. */
  public static final String STALLED = "Stalled";

  public static final List<String> TYPES =
      List.of(
          READY,
          SUCCEEDED,
          FAILED,
          SUSPENDED,
          EVALUATING,
          CHECKPOINT_AVAILABLE,
          RECONCILING,
          STALLED);
  static final int MAX_MESSAGE = 1024;

  private final List<Condition> conditions;
  private final long generation;
  private final String now;

  public Conditions(List<Condition> previous, long generation, String now) {
    this.conditions = new ArrayList<>();
    if (previous != null) {
      previous.forEach(c -> conditions.add(new ConditionBuilder(c).build()));
    }
    this.generation = generation;
    this.now = now;
  }

  public Conditions set(String type, boolean status, String reason, String message) {
    return set(type, status ? "True" : "False", reason, message);
  }

  public Conditions set(String type, String status, String reason, String message) {
    String text =
        message == null
            ? ""
            : message.length() <= MAX_MESSAGE
                ? message
                : message.substring(0, MAX_MESSAGE - 3) + "...";
    Condition existing = get(type);
    String transition =
        existing != null && status.equals(existing.getStatus())
            ? existing.getLastTransitionTime()
            : now;
    Condition updated =
        new ConditionBuilder()
            .withType(type)
            .withStatus(status)
            .withReason(reason)
            .withMessage(text)
            .withObservedGeneration(generation)
            .withLastTransitionTime(transition)
            .build();
    conditions.removeIf(c -> c.getType().equals(type));
    conditions.add(updated);
    return this;
  }

  public Condition get(String type) {
    return conditions.stream().filter(c -> c.getType().equals(type)).findFirst().orElse(null);
  }

  public boolean isTrue(String type) {
    Condition c = get(type);
    return c != null && "True".equals(c.getStatus());
  }

  /** In the fixed order of {@link #TYPES}. */
  public List<Condition> list() {
    List<Condition> ordered = new ArrayList<>();
    for (String type : TYPES) {
      Condition c = get(type);
      if (c != null) {
        ordered.add(c);
      }
    }
    return ordered;
  }
}
