package io.zarts.operator;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.zarts.api.genotype.Genotype;
import io.zarts.api.progress.TrainerProgress;
import io.zarts.api.progress.TrainerState;
import java.util.Map;

/** What tests write in place of the Job controller and the trainer. */
public final class TrainerFakes {

  public static final String GENOTYPE =
      "Genotype(normal=[('skip_connect', 0)], normal_concat=[2], reduce=[], reduce_concat=[2])";

  private TrainerFakes() {}

  /** A Job status with its pod running. */
  public static JobStatus running() {
    return new JobStatusBuilder().withActive(1).build();
  }

  /**
   * The pod of that Job as the kubelet reports it once the trainer container runs, with the labels
   * the Job controller gives it.
   */
  public static Pod runningPod(Job job) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(
            job.getMetadata().getName()
                + "-"
                + (job.getMetadata().getUid() == null
                    ? "pod"
                    : job.getMetadata().getUid().substring(0, 5)))
        .withNamespace(job.getMetadata().getNamespace())
        .addToLabels(
            job.getSpec() == null
                    || job.getSpec().getTemplate() == null
                    || job.getSpec().getTemplate().getMetadata() == null
                ? Map.of()
                : job.getSpec().getTemplate().getMetadata().getLabels())
        .addToLabels("job-name", job.getMetadata().getName())
        .withCreationTimestamp(job.getMetadata().getCreationTimestamp())
        .endMetadata()
        .withNewSpec()
        .withNodeName("node-1")
        .addNewContainer()
        .withName("trainer")
        .withImage("zarts/trainer")
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .addNewContainerStatus()
        .withName("trainer")
        .withNewState()
        .withNewRunning()
        .withStartedAt(job.getMetadata().getCreationTimestamp())
        .endRunning()
        .endState()
        .endContainerStatus()
        .endStatus()
        .build();
  }

  /** Plays the Job controller and the kubelet: the Job is active and its trainer container runs. */
  public static Pod startPod(KubernetesClient client, Job job) {
    job.setStatus(running());
    client.resource(job).updateStatus();
    return client.resource(runningPod(job)).create();
  }

  /** Plays the kubelet: the pod's trainer exited with that code (the mock has no kubelet). */
  public static void endPod(KubernetesClient client, Pod pod, int exitCode) {
    Pod current = client.resource(pod).get();
    current.getStatus().setPhase(exitCode == 0 ? "Succeeded" : "Failed");
    current
        .getStatus()
        .getContainerStatuses()
        .get(0)
        .setState(
            new ContainerStateBuilder()
                .withNewTerminated()
                .withExitCode(exitCode)
                .endTerminated()
                .build());
    client.resource(current).updateStatus();
  }

  /** A Job status as the Job controller writes it when the pod succeeded. */
  public static JobStatus complete() {
    return new JobStatusBuilder()
        .withSucceeded(1)
        .withConditions(new JobConditionBuilder().withType("Complete").withStatus("True").build())
        .build();
  }

  /** The trainer's last report of a search that finished all its epochs. */
  public static TrainerProgress finalReport(int epochs) {
    TrainerProgress p = new TrainerProgress();
    p.setState(TrainerState.SUCCEEDED);
    p.setEpoch(epochs);
    p.setTotalEpochs(epochs);
    p.setGenotype(Genotype.parse(GENOTYPE));
    return p;
  }
}
