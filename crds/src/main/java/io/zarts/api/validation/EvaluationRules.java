package io.zarts.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.zarts.api.genotype.Gene;
import io.zarts.api.genotype.Genotype;
import io.zarts.api.v1alpha1.SearchSpaceName;
import java.util.List;

/**
 * The checks of spec.evaluation the schema cannot make: the auxiliary head needs 32x32 images (it
 * reads the 8x8 maps after the second reduction), and spec.evaluation.genotype must parse, use only
 * operations of the search space, and have searchSpace.nodes nodes per cell, each reading two
 * earlier states and concatenating distinct nodes.
 */
final class EvaluationRules {

  static final String FIELD = "spec.evaluation.genotype";

  /** The image side the auxiliary head is built for. */
  static final int AUXILIARY_IMAGE_SIZE = 32;

  private EvaluationRules() {}

  /** Checks a defaulted resource tree. */
  static void check(JsonNode resource, List<Violation> out) {
    JsonNode spec = resource.path("spec");
    checkAuxiliaryHead(spec, out);
    checkGenotype(spec, out);
  }

  private static void checkAuxiliaryHead(JsonNode spec, List<Violation> out) {
    JsonNode evaluation = spec.path("evaluation");
    if (!evaluation.isObject() || evaluation.path("auxiliaryWeight").asDouble(0) <= 0) {
      return;
    }
    String dataset = spec.path("dataset").path("name").asText();
    int size =
        switch (dataset) {
          case "fashion-mnist" -> 28;
          case "digits" -> 8;
          case "synthetic" -> spec.path("dataset").path("synthetic").path("imageSize").asInt(32);
          default -> AUXILIARY_IMAGE_SIZE;
        };
    if (size != AUXILIARY_IMAGE_SIZE) {
      out.add(
          new Violation(
              "spec.evaluation.auxiliaryWeight",
              String.format(
                  "the auxiliary head reads the 8x8 maps after the second reduction, which needs 32x32"
                      + " images; %s images are %dx%d: set auxiliaryWeight: 0.0",
                  dataset, size, size)));
    }
  }

  private static void checkGenotype(JsonNode spec, List<Violation> out) {
    JsonNode text = spec.path("evaluation").path("genotype");
    if (!text.isTextual()) {
      return;
    }
    Genotype genotype;
    try {
      genotype = Genotype.parse(text.asText());
    } catch (RuntimeException e) {
      out.add(
          new Violation(
              FIELD,
              "does not parse: "
                  + e.getMessage()
                  + "; give the DARTS text form Genotype(normal=[('sep_conv_3x3', 0), ...],"
                  + " normal_concat=[2, 3, 4, 5], reduce=[...], reduce_concat=[2, 3, 4, 5]) or its"
                  + " JSON form"));
      return;
    }
    SearchSpaceName space =
        SearchSpaceName.valueOf(
            spec.path("searchSpace")
                .path("name")
                .asText("darts-no-none")
                .toUpperCase()
                .replace('-', '_'));
    int nodes = spec.path("searchSpace").path("nodes").asInt(4);
    String problem =
        problem("normal", genotype.getNormal(), genotype.getNormalConcat(), space, nodes);
    if (problem == null) {
      problem = problem("reduce", genotype.getReduce(), genotype.getReduceConcat(), space, nodes);
    }
    if (problem != null) {
      out.add(new Violation(FIELD, problem));
    }
  }

  private static String problem(
      String cell, List<Gene> genes, List<Integer> concat, SearchSpaceName space, int nodes) {
    if (genes.size() != 2 * nodes) {
      return String.format(
          "the %s cell has %d genes; searchSpace.nodes is %d, so it needs %d (two per node)",
          cell, genes.size(), nodes, 2 * nodes);
    }
    for (int i = 0; i < genes.size(); i++) {
      Gene g = genes.get(i);
      if (!space.genotypeOperations().contains(g.getOp())) {
        return String.format(
            "the %s cell uses '%s', which is not an operation of search space %s; use one of %s",
            cell,
            g.getOp(),
            space.name().toLowerCase().replace('_', '-'),
            space.genotypeOperations());
      }
      int node = i / 2;
      if (g.getInput() < 0 || g.getInput() >= node + 2) {
        return String.format(
            "gene %d of the %s cell reads state %d; node %d can only read states 0 to %d",
            i, cell, g.getInput(), node, node + 1);
      }
    }
    if (concat.isEmpty() || concat.stream().distinct().count() != concat.size()) {
      return String.format(
          "the %s cell concatenates %s; list each node to concatenate once, e.g. [2, 3, 4, 5]",
          cell, concat);
    }
    for (int state : concat) {
      if (state < 2 || state >= nodes + 2) {
        return String.format(
            "the %s cell concatenates state %d; its nodes are states 2 to %d",
            cell, state, nodes + 1);
      }
    }
    return null;
  }
}
