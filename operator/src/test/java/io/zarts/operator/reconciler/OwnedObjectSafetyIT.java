package io.zarts.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import io.zarts.operator.Examples;
import io.zarts.operator.job.OwnedObjects;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Objects under the names of a search's own that are not the search's (another user's Role, Job or
 * claim, a claim kept from an earlier search of that name) are never written to, and the status
 * says which is in the way; an owned object the API server refuses reaches the status with the
 * server's message; a second search on a claim another search uses waits for it. Each failed
 * before: the Role's rules were rewritten to the trainer's, the Job and the kept claim adopted, and
 * a refused Role left the search without any status.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class OwnedObjectSafetyIT {

  static final Duration WAIT = Duration.ofSeconds(60);
  static final String NS = "owned";
  static final List<PolicyRule> SECRETS =
      List.of(
          new PolicyRuleBuilder()
              .withApiGroups("")
              .withResources("secrets")
              .withVerbs("get")
              .build());

  @Inject KubernetesClient client;

  @KubernetesTestServer KubernetesServer server;

  @Test
  void anotherUsersRoleUnderTheTrainersNameIsNeverRewritten() {
    Role theirs = client.resource(role("own-trainer", Map.of())).create();
    create("own");
    awaitConflict("own", "Role own-trainer");
    Role after = client.rbac().roles().inNamespace(NS).withName("own-trainer").get();
    assertThat(after.getRules()).isEqualTo(SECRETS);
    assertThat(after.getMetadata().getResourceVersion())
        .isEqualTo(theirs.getMetadata().getResourceVersion());
    assertThat(job("own-trainer")).as("no trainer without its own Role").isNull();
    // Once it is out of the way, the retry creates the search's own Role and the trainer.
    client.resource(after).delete();
    await().atMost(WAIT).untilAsserted(() -> assertThat(job("own-trainer")).isNotNull());
  }

  @Test
  void aRoleLabelledAsTheSearchsButNotItsIsNeverRewritten() {
    Role theirs =
        client.resource(role("labelled-trainer", Map.of("zarts.io/search", "labelled"))).create();
    create("labelled");
    awaitConflict("labelled", "Role labelled-trainer");
    Role after = client.rbac().roles().inNamespace(NS).withName("labelled-trainer").get();
    assertThat(after.getRules()).isEqualTo(SECRETS);
    assertThat(after.getMetadata().getResourceVersion())
        .isEqualTo(theirs.getMetadata().getResourceVersion());
  }

  @Test
  void anotherJobUnderTheTrainersNameIsNotAdopted() {
    client
        .resource(
            new JobBuilder()
                .withNewMetadata()
                .withName("jobs-trainer")
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withNewTemplate()
                .withNewSpec()
                .addNewContainer()
                .withName("theirs")
                .withImage("busybox")
                .endContainer()
                .withRestartPolicy("Never")
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
    create("jobs");
    awaitConflict("jobs", "Job jobs-trainer");
    assertThat(job("jobs-trainer").getMetadata().getOwnerReferences()).isNullOrEmpty();
  }

  @Test
  void aClaimKeptFromAnEarlierSearchOfTheNameIsNotTaken() {
    PersistentVolumeClaim kept =
        client
            .resource(
                new PersistentVolumeClaimBuilder()
                    .withNewMetadata()
                    .withName("kept-checkpoints")
                    .withNamespace(NS)
                    .addToLabels("zarts.io/search", "kept")
                    .addToAnnotations(OwnedObjects.SEARCH_UID, "uid-of-the-earlier-search")
                    .endMetadata()
                    .withNewSpec()
                    .withAccessModes("ReadWriteOnce")
                    .withNewResources()
                    .addToRequests("storage", new Quantity("1Gi"))
                    .endResources()
                    .endSpec()
                    .build())
            .create();
    create("kept");
    Condition ready = awaitConflict("kept", "PersistentVolumeClaim kept-checkpoints");
    assertThat(ready.getMessage()).contains("spec.checkpoint.existingClaim: kept-checkpoints");
    PersistentVolumeClaim after =
        client.persistentVolumeClaims().inNamespace(NS).withName("kept-checkpoints").get();
    assertThat(after.getMetadata().getOwnerReferences()).isNullOrEmpty();
    assertThat(after.getMetadata().getResourceVersion())
        .isEqualTo(kept.getMetadata().getResourceVersion());
    assertThat(job("kept-trainer")).isNull();
  }

  @Test
  void anOwnedObjectTheServerRefusesReachesTheStatus() {
    String refusal =
        "roles.rbac.authorization.k8s.io \"refused-trainer\" is forbidden: user"
            + " \"system:serviceaccount:zarts:zarts-operator\" is attempting to grant RBAC"
            + " permissions not currently held";
    MockServerSteps.refuseCreates(
        server, "/apis/rbac.authorization.k8s.io/v1/namespaces/" + NS + "/roles", refusal, 2);
    create("refused");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Condition ready = ready(get("refused"));
              assertThat(ready.getReason()).isEqualTo(OwnedObjectFailures.REFUSED);
              assertThat(ready.getMessage()).contains("trainer-role").contains(refusal);
            });
    // Once the server accepts the Role, the retry goes on to the trainer.
    await().atMost(WAIT).untilAsserted(() -> assertThat(job("refused-trainer")).isNotNull());
  }

  @Test
  void aSecondSearchOnTheSameClaimWaitsForTheFirst() {
    createOnClaim("holder", "shared-checkpoints");
    await().atMost(WAIT).untilAsserted(() -> assertThat(job("holder-trainer")).isNotNull());
    createOnClaim("waiter", "shared-checkpoints");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Condition ready = ready(get("waiter"));
              assertThat(ready.getReason()).isEqualTo(SharedClaims.REASON);
              assertThat(ready.getMessage()).contains("search holder");
            });
    assertThat(job("waiter-trainer")).as("no second trainer on the claim").isNull();
    // Once the holder is gone, the waiting search's retry starts its trainer.
    client.resource(get("holder")).delete();
    await().atMost(WAIT).untilAsserted(() -> assertThat(job("waiter-trainer")).isNotNull());
  }

  /**
   * OpenShift adds imagePullSecrets and secrets to every ServiceAccount; an exact comparison
   * removed them on every pass and the platform put them back, a write war per search. Failed
   * before: the pass after the edit removed them.
   */
  @Test
  void whatThePlatformAddsToTheTrainersServiceAccountIsLeftAlone() {
    create("ocp");
    await().atMost(WAIT).until(() -> serviceAccount("ocp-trainer") != null);
    ServiceAccount added =
        client
            .serviceAccounts()
            .inNamespace(NS)
            .withName("ocp-trainer")
            .edit(
                sa ->
                    new ServiceAccountBuilder(sa)
                        .addNewImagePullSecret("ocp-trainer-dockercfg-x7k2p")
                        .addNewSecret()
                        .withName("ocp-trainer-dockercfg-x7k2p")
                        .endSecret()
                        .build());
    // A spec edit, so that a pass is known to have run after the platform's addition.
    ArchitectureSearch edited =
        client
            .resources(ArchitectureSearch.class)
            .inNamespace(NS)
            .withName("ocp")
            .edit(
                s -> {
                  s.getSpec().getCheckpoint().setKeep(5);
                  return s;
                });
    MockServerSteps.awaitObserved(client, edited, WAIT);
    ServiceAccount after = serviceAccount("ocp-trainer");
    assertThat(after.getImagePullSecrets())
        .extracting("name")
        .contains("ocp-trainer-dockercfg-x7k2p");
    assertThat(after.getMetadata().getResourceVersion())
        .isEqualTo(added.getMetadata().getResourceVersion());
  }

  private ServiceAccount serviceAccount(String name) {
    return client.serviceAccounts().inNamespace(NS).withName(name).get();
  }

  private void createOnClaim(String name, String claim) {
    ArchitectureSearch s = Examples.load("quickstart.yaml", NS);
    s.getMetadata().setName(name);
    s.getSpec().getCheckpoint().setSize(null);
    s.getSpec().getCheckpoint().setExistingClaim(claim);
    client.resource(s).create();
  }

  private void create(String name) {
    ArchitectureSearch s = Examples.load("quickstart.yaml", NS);
    s.getMetadata().setName(name);
    client.resource(s).create();
  }

  private Condition awaitConflict(String name, String object) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Condition ready = ready(get(name));
              assertThat(ready.getReason()).isEqualTo("OwnedObjectConflict");
              assertThat(ready.getMessage()).startsWith(object + " exists");
            });
    return ready(get(name));
  }

  private static Role role(String name, Map<String, String> labels) {
    return new RoleBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .withLabels(labels)
        .endMetadata()
        .withRules(SECRETS)
        .build();
  }

  private Job job(String name) {
    return client.batch().v1().jobs().inNamespace(NS).withName(name).get();
  }

  private ArchitectureSearch get(String name) {
    return client.resources(ArchitectureSearch.class).inNamespace(NS).withName(name).get();
  }

  private static Condition ready(ArchitectureSearch search) {
    assertThat(search.getStatus()).as("status").isNotNull();
    return search.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals("Ready"))
        .findFirst()
        .orElseThrow();
  }
}
