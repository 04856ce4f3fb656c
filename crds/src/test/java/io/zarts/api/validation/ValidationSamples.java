package io.zarts.api.validation;

import static io.zarts.api.Fixtures.minimal;
import static io.zarts.api.Fixtures.with;
import static io.zarts.api.Fixtures.without;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The resources the offline validator's tests try (CelRulesTest, StructuralSchemaTest and the
 * command line's bad inputs), each with the field paths it is refused at, none for an accepted one.
 * The offline validator must give exactly these paths ({@code ValidationSamplesTest}), and so must
 * a real API server (the operator's {@code ValidationParityRealServerIT}): the same verdict at the
 * same field. Left out: a wrong kind, which an API server refuses before it validates anything.
 */
public final class ValidationSamples {

  /**
   * One sample: a resource, the stored resource it replaces (null for a create), and the paths it
   * is refused at (empty: accepted). Metadata-level CEL rules have the empty path.
   */
  public record Sample(String name, ObjectNode resource, ObjectNode old, List<String> refusedAt) {

    @Override
    public String toString() {
      return name;
    }
  }

  private ValidationSamples() {}

  public static List<Sample> all() {
    List<Sample> all = new ArrayList<>();
    all.addAll(creates());
    all.addAll(updates());
    return all;
  }

  private static Sample create(String name, ObjectNode resource, String... refusedAt) {
    return new Sample(name, resource, null, List.of(refusedAt));
  }

  private static Sample update(String name, ObjectNode resource, ObjectNode old, String... at) {
    return new Sample(name, resource, old, List.of(at));
  }

  static List<Sample> creates() {
    ObjectNode m = minimal();
    List<Sample> s = new ArrayList<>();
    s.add(create("minimal", m));
    s.add(
        create(
            "warmup not below epochs",
            with(m, "spec.training.epochs", "10"),
            "spec.optimizer.warmupEpochs"));
    s.add(
        create(
            "warmup below epochs",
            with(with(m, "spec.training.epochs", "10"), "spec.optimizer", "{warmupEpochs: 9}")));
    s.add(
        create(
            "checkpoint size and claim",
            with(m, "spec.checkpoint", "{size: 5Gi, existingClaim: mine}"),
            "spec.checkpoint"));
    s.add(
        create(
            "checkpoint neither size nor claim",
            with(m, "spec.checkpoint", "{everyEpochs: 2}"),
            "spec.checkpoint"));
    s.add(create("checkpoint claim only", with(m, "spec.checkpoint", "{existingClaim: mine}")));
    s.add(
        create(
            "subPath with ..",
            with(m, "spec.dataset.volume.subPath", "a/../../etc"),
            "spec.dataset.volume.subPath"));
    s.add(
        create(
            "absolute subPath",
            with(m, "spec.dataset.volume.subPath", "/etc"),
            "spec.dataset.volume.subPath"));
    s.add(
        create(
            "subPath with ..data", with(m, "spec.dataset.volume.subPath", "cifar/..data/x.bin")));
    s.add(
        create(
            "file dataset without volume",
            without(m, "spec.dataset.volume"),
            "spec.dataset.volume"));
    s.add(
        create(
            "synthetic settings on cifar10",
            with(m, "spec.dataset.synthetic", "{classes: 3}"),
            "spec.dataset.synthetic"));
    s.add(
        create(
            "s1 with 3 nodes",
            with(m, "spec.searchSpace", "{name: s1, nodes: 3}"),
            "spec.searchSpace.nodes"));
    s.add(
        create(
            "odd channels",
            with(m, "spec.searchSpace", "{initChannels: 15}"),
            "spec.searchSpace.initChannels"));
    s.add(
        create(
            "GPU in limits",
            with(m, "spec.resources.limits", "{nvidia.com/gpu: 2}"),
            "spec.resources.limits"));
    s.add(
        create(
            "cpu and memory limits", with(m, "spec.resources.limits", "{cpu: 4, memory: 16Gi}")));
    s.add(
        create(
            "learningRateMin above learningRate",
            with(m, "spec.training.learningRateMin", "0.5"),
            "spec.training.learningRateMin"));
    s.add(create("name of 49 characters", with(m, "metadata.name", "a".repeat(49)), ""));
    for (String d : List.of("6h", "90m", "1h30m", "1.5h", "45s", "250ms")) {
      s.add(create("maxDuration " + d, with(m, "spec.training.maxDuration", d)));
    }
    s.add(
        create(
            "maxDuration 0s",
            with(m, "spec.training.maxDuration", "0s"),
            "spec.training.maxDuration"));
    s.add(
        create(
            "maxDuration in words",
            with(m, "spec.training.maxDuration", "6 hours"),
            "spec.training.maxDuration",
            // The pattern does not stop the rules; the one that reads the duration fails on it.
            "spec.training"));
    s.add(create("changed seed on create", with(m, "spec.training.seed", "7")));
    // A value out of range does not stop the rules: the warm-up rule sees epochs 0 too.
    s.add(
        create(
            "epochs 0",
            with(m, "spec.training.epochs", "0"),
            "spec.training.epochs",
            "spec.optimizer.warmupEpochs"));
    s.add(create("samples 65", with(m, "spec.optimizer.samples", "65"), "spec.optimizer.samples"));
    s.add(
        create(
            "batchSize 4097",
            with(m, "spec.training.batchSize", "4097"),
            "spec.training.batchSize"));
    s.add(create("sigma 0", with(m, "spec.optimizer.sigma", "0"), "spec.optimizer.sigma"));
    s.add(create("misspelt field", with(m, "spec.traning", "{epochs: 3}"), "spec.traning"));
    s.add(
        create(
            "unknown algorithm",
            with(m, "spec.optimizer.algorithm", "adam"),
            "spec.optimizer.algorithm",
            ""));
    // A wrong type, a missing field or a value outside its enum stops the rules, which the
    // server says at the empty path.
    s.add(
        create(
            "epochs as words",
            with(m, "spec.training.epochs", "many"),
            "spec.training.epochs",
            ""));
    s.add(create("suspend as words", with(m, "spec.suspend", "yes please"), "spec.suspend", ""));
    s.add(create("no dataset", without(m, "spec.dataset"), "spec.dataset", ""));
    s.add(create("invalid name", with(m, "metadata.name", "My_Search"), "metadata.name"));
    s.add(create("scientific notation", with(m, "spec.training.weightDecay", "3e-4")));
    // The command line's bad inputs (ZartsCliTest).
    s.add(
        create(
            "unknown search space",
            with(m, "spec.searchSpace.name", "sep_conv_9x9"),
            "spec.searchSpace.name",
            ""));
    s.add(
        create(
            "negative epochs",
            with(m, "spec.training.epochs", "-1"),
            "spec.training.epochs",
            "spec.optimizer.warmupEpochs"));
    return s;
  }

  static List<Sample> updates() {
    ObjectNode old = minimal();
    List<Sample> s = new ArrayList<>();
    String[][] immutable = {
      {"spec.dataset.trainPortion", "0.6", "spec.dataset"},
      {"spec.dataset.volume.subPath", "other", "spec.dataset"},
      {"spec.searchSpace.layers", "5", "spec.searchSpace"},
      {"spec.searchSpace.name", "darts", "spec.searchSpace"},
      {"spec.optimizer.algorithm", "gld", "spec.optimizer"},
      {"spec.optimizer.sigma", "0.2", "spec.optimizer"},
      {"spec.training.seed", "7", "spec.training.seed"},
      {"spec.training.epochs", "40", "spec.training.epochs"},
      {"spec.training.batchSize", "32", "spec.training"},
    };
    for (String[] c : immutable) {
      s.add(update("changing " + c[0], with(old, c[0], c[1]), old, c[2]));
    }
    String[][] mutable = {
      {"spec.suspend", "true"},
      {"spec.training.epochs", "80"},
      {"spec.resources.gpus", "2"},
      {"spec.resources.queueName", "team-a"},
      {"spec.resources.nodeSelector", "{gpu: h100}"},
      {"spec.checkpoint.keep", "5"},
      {"spec.checkpoint.size", "20Gi"},
      {"spec.checkpoint.retainOnDelete", "true"},
      {"spec.trainer.device", "cpu"},
      {"spec.training.maxDuration", "6h"},
    };
    // As stored by the API server: with the schema defaults applied on create.
    ObjectNode stored = (ObjectNode) CelRulesTest.VALIDATOR.validate(old).resource();
    for (String[] c : mutable) {
      s.add(update("changing " + c[0], with(stored, c[0], c[1]), stored));
    }
    s.add(
        update(
            "lowering spec.checkpoint.size",
            with(stored, "spec.checkpoint.size", "5Gi"),
            stored,
            "spec.checkpoint.size"));
    s.add(
        update(
            "spec.checkpoint.size written in other units, same value",
            with(stored, "spec.checkpoint.size", "10240Mi"),
            stored));
    s.add(
        update(
            "writing out defaults",
            with(old, "spec.optimizer", "{algorithm: mgs, samples: 4, sigma: 0.025}"),
            old));
    s.add(
        update(
            "existingClaim replacing a new claim",
            with(old, "spec.checkpoint", "{existingClaim: mine}"),
            old,
            "spec.checkpoint"));
    return s;
  }
}
