package io.zarts.trainer.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.zarts.trainer.optim.CosineSchedule;
import org.junit.jupiter.api.Test;

class EvaluationScheduleTest {

  static final CosineSchedule COSINE = new CosineSchedule(0.025, 0, 4);

  @Test
  void byDefaultEpochETrainsAtTheCosineOfE() {
    EvaluationSchedule s = new EvaluationSchedule(COSINE, false);
    assertThat(s.at(0)).isEqualTo(0.025);
    assertThat(s.at(2)).isCloseTo(0.0125, within(1e-12));
  }

  /**
   * DARTS's train.py steps the scheduler before each epoch. Failed before: the evaluation trained
   * epoch e at lr(e) under referenceParity too, one epoch behind the reference.
   */
  @Test
  void underReferenceParityEpochETrainsAtTheNextEpochsRateAndTheLastAtZero() {
    EvaluationSchedule s = new EvaluationSchedule(COSINE, true);
    assertThat(s.at(0)).isEqualTo(COSINE.at(1));
    assertThat(s.at(1)).isCloseTo(0.0125, within(1e-12));
    assertThat(s.at(3)).isCloseTo(0, within(1e-12));
  }
}
