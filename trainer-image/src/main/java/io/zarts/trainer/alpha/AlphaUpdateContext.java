package io.zarts.trainer.alpha;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.zarts.trainer.data.BatchStream;
import io.zarts.trainer.model.SearchModel;
import java.util.List;

/**
 * What a strategy may use for one update: the model, the step's scope manager and the long-lived
 * arrays (to open nested scopes), the validation stream that scores architectures, the stream for
 * inner weight steps, and the epoch (for schedules).
 */
public record AlphaUpdateContext(
    SearchModel model,
    NDManager scope,
    List<NDArray> longLived,
    BatchStream validStream,
    BatchStream innerStream,
    int epoch) {}
