package io.zarts.trainer.evaluate;

import ai.djl.Device;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.zarts.api.genotype.Genotype;
import io.zarts.trainer.model.EvalConfig;
import io.zarts.trainer.model.EvalNetwork;
import io.zarts.trainer.nn.Autograd;
import io.zarts.trainer.nn.Forward;
import io.zarts.trainer.nn.InPlace;
import io.zarts.trainer.nn.ParameterStore;
import io.zarts.trainer.output.AtomicFiles;
import io.zarts.trainer.output.Json;
import io.zarts.trainer.util.Rng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trained model handed over as a folder: weights.ndlist (DJL's NDList format: every weight and
 * batch-norm statistic of the network, the auxiliary head left out), genotype.json and model.json
 * ({@link ModelCard}). {@link #load} rebuilds the network from it for inference.
 */
public final class ModelFolder {

  private ModelFolder() {}

  /**
   * Writes the folder from a trained session, as a whole (a crash leaves the old folder or the new
   * one, never new weights beside an old model.json); the test accuracy is the final epoch's.
   */
  public static void write(Path dir, EvaluationSession session, double testAccuracy) {
    List<NDArray> arrays = new ArrayList<>();
    ParameterStore store = session.net().parameters();
    for (ParameterStore.Entry e : store.weights()) {
      if (!e.name().startsWith(EvalNetwork.AUXILIARY_PREFIX)) {
        arrays.add(e.array());
      }
    }
    store.buffers().stream()
        .filter(e -> !e.name().startsWith(EvalNetwork.AUXILIARY_PREFIX))
        .forEach(e -> arrays.add(e.array()));
    NDList list = new NDList();
    for (NDArray a : arrays) {
      NDArray host = a.toDevice(Device.cpu(), true);
      host.setName(a.getName());
      list.add(host);
    }
    byte[] weights = list.encode();
    EvalConfig c = session.net().config();
    var set = session.data().train();
    ModelCard card =
        new ModelCard(
            ModelCard.SCHEMA_VERSION,
            session.name(),
            Json.MAPPER.convertValue(session.spec().getDataset().getName(), String.class),
            ClassNames.of(session.spec().getDataset().getName(), set.classes()),
            new int[] {set.channels(), set.height(), set.width()},
            set.normalization().mean(),
            set.normalization().std(),
            session.genotype().getText(),
            c.channels(),
            c.layers(),
            session.net().parameterCount(),
            testAccuracy,
            session.evaluation().getEpochs(),
            ModelCard.WEIGHTS_FILE,
            ModelCard.WEIGHTS_FORMAT);
    Map<String, AtomicFiles.Content> files = new LinkedHashMap<>();
    files.put(ModelCard.WEIGHTS_FILE, out -> out.write(weights));
    files.put("genotype.json", text(Json.write(session.genotype())));
    files.put("model.json", text(Json.write(card)));
    AtomicFiles.writeFolder(dir, files);
  }

  private static AtomicFiles.Content text(String content) {
    return out -> out.write(content.getBytes(StandardCharsets.UTF_8));
  }

  /** A loaded model: its card and the network with the trained values, on manager. */
  public record Loaded(ModelCard card, EvalNetwork network) {

    /** Class probabilities [classes] of one image, resized and normalised as in training. */
    public NDArray probabilities(Image image, NDManager manager) {
      Autograd.stopRecording();
      int[] shape = card.inputShape();
      NDArray hwc =
          image.toNDArray(manager, shape[0] == 1 ? Image.Flag.GRAYSCALE : Image.Flag.COLOR);
      if (hwc.getShape().get(0) != shape[1] || hwc.getShape().get(1) != shape[2]) {
        hwc = NDImageUtils.resize(hwc, shape[2], shape[1]);
      }
      NDArray chw = hwc.toType(DataType.FLOAT32, false).div(255f).transpose(2, 0, 1);
      NDArray mean = manager.create(card.mean(), new Shape(shape[0], 1, 1));
      NDArray std = manager.create(card.std(), new Shape(shape[0], 1, 1));
      NDArray x = chw.sub(mean).div(std).expandDims(0);
      return network.forward(x, 0, Forward.evaluation(false, new Rng(0))).main().softmax(1).get(0);
    }
  }

  /** Reads a model folder and rebuilds its network (without the auxiliary head). */
  public static Loaded load(Path dir, NDManager manager) {
    // Inference only: libtorch records on a new thread by default, and an in-place copy into a
    // weight that requires a gradient is refused while it records (a serving pool's thread).
    Autograd.stopRecording();
    try {
      ModelCard card =
          Json.MAPPER.readValue(Files.readString(dir.resolve("model.json")), ModelCard.class);
      Genotype genotype = Genotype.parse(card.genotype());
      int[] shape = card.inputShape();
      EvalConfig config =
          new EvalConfig(
              card.initChannels(), card.layers(), card.classes().size(), shape[0], shape[1], false);
      ParameterStore store = new ParameterStore(manager, new Rng(0));
      EvalNetwork net = new EvalNetwork(config, genotype, store);
      NDList saved = NDList.decode(manager, Files.readAllBytes(dir.resolve(card.weightsFile())));
      Map<String, NDArray> byName = new HashMap<>();
      saved.forEach(a -> byName.put(a.getName(), a));
      List<ParameterStore.Entry> targets = new ArrayList<>(store.weights());
      targets.addAll(store.buffers());
      for (ParameterStore.Entry e : targets) {
        NDArray value = byName.get(e.name());
        if (value == null || !value.getShape().equals(e.array().getShape())) {
          throw new IllegalArgumentException(
              dir
                  + "/"
                  + card.weightsFile()
                  + ": no array "
                  + e.name()
                  + " of shape "
                  + e.array().getShape()
                  + "; the folder does not match its model.json");
        }
        InPlace.copy(value, e.array()); // keeps the packing
      }
      saved.close();
      return new Loaded(card, net);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the model folder " + dir, e);
    }
  }
}
