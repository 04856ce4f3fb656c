package io.zarts.operator.job;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;

/** What the Job controller says of a Job: its Complete and Failed conditions and active pods. */
public final class JobState {

  private JobState() {}

  public static boolean complete(Job job) {
    return isTrue(job, "Complete");
  }

  public static boolean failed(Job job) {
    return isTrue(job, "Failed");
  }

  public static boolean running(Job job) {
    return job != null
        && job.getStatus() != null
        && job.getStatus().getActive() != null
        && job.getStatus().getActive() > 0;
  }

  /** The condition of that type, or null. */
  public static JobCondition condition(Job job, String type) {
    if (job == null || job.getStatus() == null || job.getStatus().getConditions() == null) {
      return null;
    }
    return job.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }

  private static boolean isTrue(Job job, String type) {
    JobCondition c = condition(job, type);
    return c != null && "True".equals(c.getStatus());
  }
}
