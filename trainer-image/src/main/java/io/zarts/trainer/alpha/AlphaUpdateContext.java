package io.zarts.trainer.alpha;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.zarts.trainer.data.BatchStream;
import io.zarts.trainer.model.SearchModel;
import java.util.List;

/**
 * What a strategy may use for one update: the model, the step's scope manager and the long-lived
 * arrays (to open nested scopes), the validation stream that scores architectures, the stream for
 * inner weight steps, the epoch (for schedules), and the candidate workers (null: the primary
 * alone).
 */
public record AlphaUpdateContext(
    SearchModel model,
    NDManager scope,
    List<NDArray> longLived,
    BatchStream validStream,
    BatchStream innerStream,
    int epoch,
    CandidateWorkers workers) {

  /** The same update spread over other workers. */
  public AlphaUpdateContext withWorkers(CandidateWorkers other) {
    return new AlphaUpdateContext(model, scope, longLived, validStream, innerStream, epoch, other);
  }
}
