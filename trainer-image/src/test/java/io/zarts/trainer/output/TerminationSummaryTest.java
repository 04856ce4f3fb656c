package io.zarts.trainer.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The termination message stays within the kubelet's 4096 bytes whatever the genotype and message.
 */
class TerminationSummaryTest {

  @Test
  void aTypicalSummaryCarriesTheGenotype() throws Exception {
    String genotype =
        "Genotype(normal=[('sep_conv_3x3', 0)], normal_concat=range(2, 3), reduce=[],"
            + " reduce_concat=range(2, 3))";
    JsonNode doc =
        new ObjectMapper()
            .readTree(
                TerminationSummary.json("Succeeded", 0, 50, 0.91, genotype, "/checkpoints", null));
    assertThat(doc.path("schemaVersion").asInt()).isEqualTo(1);
    assertThat(doc.path("reason").asText()).isEqualTo("Succeeded");
    assertThat(doc.path("genotype").asText()).isEqualTo(genotype);
    assertThat(doc.path("bestValidAccuracy").asDouble()).isEqualTo(0.91);
    assertThat(doc.has("message")).isFalse();
  }

  @Test
  void theWorstCaseFallsBackToAHashAndStaysSmall() throws Exception {
    // The largest genotype the CRD allows: 8 nodes x 2 genes per cell type with the longest op
    // names.
    StringBuilder genes = new StringBuilder();
    for (int i = 0; i < 64; i++) {
      genes.append("('dil_conv_5x5', ").append(i % 10).append("), ");
    }
    String genotype =
        "Genotype(normal=["
            + genes
            + "], normal_concat=[2, 3, 4, 5, 6, 7, 8, 9], reduce=["
            + genes
            + "], reduce_concat=[2, 3, 4, 5, 6, 7, 8, 9])";
    String json =
        TerminationSummary.json("Failed", 3, 12, 0.5, genotype, "/checkpoints", "x".repeat(10_000));
    assertThat(json.getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(TerminationSummary.MAX_BYTES);
    JsonNode doc = new ObjectMapper().readTree(json);
    assertThat(doc.has("genotype")).isFalse();
    assertThat(doc.path("genotypeSha256").asText()).hasSize(64);
    assertThat(doc.path("message").asText()).hasSize(512);
  }
}
