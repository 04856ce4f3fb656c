package io.zarts.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One neural architecture search: a DARTS-space supernet trained on a dataset while a ZARTS
 * zero-order optimiser (or the first-order DARTS baseline) moves the architecture parameters.
 */
@Group(ArchitectureSearch.GROUP)
@Version(ArchitectureSearch.VERSION)
@Plural("architecturesearches")
@Singular("architecturesearch")
@ShortNames("archsearch")
@AdditionalPrinterColumn(
    name = "Phase",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Epoch",
    jsonPath = ".status.progress.epoch",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Best",
    jsonPath = ".status.best.validAccuracy",
    type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(
    name = "Test",
    jsonPath = ".status.evaluation.testAccuracy",
    type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(
    value = "has(self.spec)",
    message = "spec is required: give at least spec.dataset.name")
@ValidationRule(
    value = "size(self.metadata.name) <= " + ArchitectureSearch.MAX_NAME_LENGTH,
    message =
        "metadata.name must be at most "
            + ArchitectureSearch.MAX_NAME_LENGTH
            + " characters: the operator derives the names <name>-checkpoints and <name>-trainer from it")
public class ArchitectureSearch
    extends CustomResource<ArchitectureSearchSpec, ArchitectureSearchStatus> implements Namespaced {

  public static final String GROUP = "zarts.io";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  public static final String KIND = "ArchitectureSearch";

  /**
   * Set to a new value to start a finished search's trainer again (a Failed search resumes from its
   * last checkpoint); the value last honoured is kept in status.retryToken.
   */
  public static final String RETRY_ANNOTATION = "zarts.io/retry";

  /** Leaves room for the "-checkpoints" suffix within the 63-character limit of label values. */
  public static final int MAX_NAME_LENGTH = 48;

  @Override
  protected ArchitectureSearchSpec initSpec() {
    return new ArchitectureSearchSpec();
  }

  @Override
  protected ArchitectureSearchStatus initStatus() {
    return new ArchitectureSearchStatus();
  }
}
