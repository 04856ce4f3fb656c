package io.zarts.trainer.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The softmax weights a search wrote after each epoch (history/epoch-NNNN/alphas.json, see {@link
 * SearchOutput}), turned around into one series per cell type, edge and operation.
 */
public record AlphaHistory(List<Integer> epochs, List<Edge> normal, List<Edge> reduce) {

  /**
   * One edge (DARTS numbering): each operation's weight per epoch, aligned with {@link #epochs()},
   * in the order alphas.json lists them; NaN for an epoch that lacks the operation.
   */
  public record Edge(int index, Map<String, double[]> weights) {}

  private static final Pattern EPOCH_FOLDER = Pattern.compile("epoch-(\\d+)");

  /** Reads the history of the search whose output folder is dir. */
  public static AlphaHistory read(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          dir + ": no such folder; give a search's output folder (runs/<name>)");
    }
    List<Integer> epochs = new ArrayList<>();
    List<JsonNode> documents = new ArrayList<>();
    for (Map.Entry<Integer, Path> entry : epochFiles(dir.resolve("history")).entrySet()) {
      epochs.add(entry.getKey());
      documents.add(parse(entry.getValue()));
    }
    if (epochs.isEmpty()) {
      throw new IllegalArgumentException(
          dir
              + ": no alpha history (history/epoch-NNNN/"
              + SearchOutput.ALPHAS_JSON
              + "); run a search first (./zarts search FILE writes one after each epoch)");
    }
    return new AlphaHistory(
        List.copyOf(epochs), edges(documents, "normal"), edges(documents, "reduce"));
  }

  /** The alphas.json of each epoch folder, by epoch; folders without one are skipped. */
  private static Map<Integer, Path> epochFiles(Path history) {
    Map<Integer, Path> files = new LinkedHashMap<>();
    if (!Files.isDirectory(history)) {
      return files;
    }
    try (Stream<Path> children = Files.list(history)) {
      List<Path> folders =
          children
              .filter(p -> EPOCH_FOLDER.matcher(p.getFileName().toString()).matches())
              .filter(p -> Files.isRegularFile(p.resolve(SearchOutput.ALPHAS_JSON)))
              .sorted(Comparator.comparingInt(AlphaHistory::epochOf))
              .toList();
      for (Path folder : folders) {
        files.put(epochOf(folder), folder.resolve(SearchOutput.ALPHAS_JSON));
      }
      return files;
    } catch (IOException e) {
      throw new IllegalArgumentException(history + ": cannot list: " + e.getMessage(), e);
    }
  }

  private static int epochOf(Path folder) {
    Matcher m = EPOCH_FOLDER.matcher(folder.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalStateException("not an epoch folder: " + folder);
    }
    return Integer.parseInt(m.group(1));
  }

  private static JsonNode parse(Path file) {
    try {
      JsonNode doc = Json.MAPPER.readTree(file.toFile());
      if (!doc.path("normal").isArray() || !doc.path("reduce").isArray()) {
        throw new IllegalArgumentException(file + ": not an alphas.json (no normal/reduce lists)");
      }
      return doc;
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static List<Edge> edges(List<JsonNode> documents, String cell) {
    List<Map<String, double[]>> edges = new ArrayList<>();
    for (int epoch = 0; epoch < documents.size(); epoch++) {
      JsonNode list = documents.get(epoch).path(cell);
      for (int e = 0; e < list.size(); e++) {
        if (edges.size() <= e) {
          edges.add(new LinkedHashMap<>());
        }
        Iterator<Map.Entry<String, JsonNode>> ops = list.get(e).fields();
        while (ops.hasNext()) {
          Map.Entry<String, JsonNode> op = ops.next();
          edges.get(e).computeIfAbsent(op.getKey(), k -> nans(documents.size()))[epoch] =
              op.getValue().asDouble(Double.NaN);
        }
      }
    }
    List<Edge> out = new ArrayList<>();
    for (int e = 0; e < edges.size(); e++) {
      out.add(new Edge(e, edges.get(e)));
    }
    return List.copyOf(out);
  }

  private static double[] nans(int length) {
    double[] values = new double[length];
    Arrays.fill(values, Double.NaN);
    return values;
  }
}
