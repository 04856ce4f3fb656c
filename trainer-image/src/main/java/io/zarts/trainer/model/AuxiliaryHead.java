package io.zarts.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import io.zarts.trainer.nn.BatchNorm2d;
import io.zarts.trainer.nn.Conv2d;
import io.zarts.trainer.nn.Forward;
import io.zarts.trainer.nn.Linear;
import io.zarts.trainer.nn.ParameterStore;

/**
 * DARTS' auxiliary classifier for 8x8 feature maps (the second reduction of a 32x32 image): ReLU,
 * 5x5 average pooling with stride 3 to 2x2, a 1x1 convolution to 128 channels, batch norm, ReLU, a
 * 2x2 convolution to 768, batch norm, ReLU, and a linear layer.
 */
final class AuxiliaryHead {

  /** The feature-map size the head is built for. */
  static final int INPUT_SIZE = 8;

  private final Conv2d reduce;
  private final BatchNorm2d bn1;
  private final Conv2d expand;
  private final BatchNorm2d bn2;
  private final Linear classifier;

  AuxiliaryHead(ParameterStore store, String name, int channels, int classes) {
    this.reduce = new Conv2d(store, name + ".features.2", channels, 128, 1, 1, 0, 1, 1);
    this.bn1 = new BatchNorm2d(store, name + ".features.3", 128, true);
    this.expand = new Conv2d(store, name + ".features.5", 128, 768, 2, 1, 0, 1, 1);
    this.bn2 = new BatchNorm2d(store, name + ".features.6", 768, true);
    this.classifier = new Linear(store, name + ".classifier", 768, classes);
  }

  NDArray forward(NDArray x, Forward pass) {
    NDArray pooled =
        Pool.avgPool2d(
            Activation.relu(x), new Shape(5, 5), new Shape(3, 3), new Shape(0, 0), false, false);
    NDArray y = Activation.relu(bn1.forward(reduce.forward(pooled, pass), pass));
    y = Activation.relu(bn2.forward(expand.forward(y, pass), pass));
    return classifier.forward(y.reshape(y.getShape().get(0), -1), pass);
  }
}
