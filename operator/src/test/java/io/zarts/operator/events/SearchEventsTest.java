package io.zarts.operator.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.zarts.api.v1alpha1.ArchitectureSearch;
import org.junit.jupiter.api.Test;

/** One event per (search, type, reason, message): the same one again is the same name. */
class SearchEventsTest {

  private static ArchitectureSearch search(String uid) {
    ArchitectureSearch s = new ArchitectureSearch();
    s.setMetadata(
        new ObjectMetaBuilder().withName("demo").withNamespace("ns").withUid(uid).build());
    return s;
  }

  @Test
  void theNameFollowsFromWhatTheEventSaysAndOfWhom() {
    String quota = SearchEvents.name(search("u1"), "Warning", "QuotaExceeded", "exceeded quota");
    assertThat(SearchEvents.name(search("u1"), "Warning", "QuotaExceeded", "exceeded quota"))
        .isEqualTo(quota)
        .startsWith("demo.")
        .hasSize("demo.".length() + 16);
    assertThat(SearchEvents.name(search("u1"), "Warning", "QuotaExceeded", "other message"))
        .isNotEqualTo(quota);
    assertThat(SearchEvents.name(search("u2"), "Warning", "QuotaExceeded", "exceeded quota"))
        .as("a new search of the same name")
        .isNotEqualTo(quota);
  }
}
