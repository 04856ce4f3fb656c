package io.zarts.trainer.alpha;

import ai.djl.ndarray.NDManager;
import io.zarts.trainer.data.BatchStream;
import io.zarts.trainer.model.SearchModel;

/**
 * What a strategy may use for one update: the model, the step's scope manager, the validation stream that scores
 * architectures, the stream for inner weight steps, and the epoch (for schedules).
 */
public record AlphaUpdateContext(SearchModel model, NDManager scope, BatchStream validStream,
    BatchStream innerStream, int epoch) {}
