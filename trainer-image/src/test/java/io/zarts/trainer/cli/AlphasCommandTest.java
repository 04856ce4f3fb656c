package io.zarts.trainer.cli;

import static io.zarts.trainer.cli.ZartsCliTest.zarts;
import static org.assertj.core.api.Assertions.assertThat;

import io.zarts.api.v1alpha1.SearchSpaceName;
import io.zarts.trainer.output.AlphaReport;
import io.zarts.trainer.output.AtomicFiles;
import io.zarts.trainer.output.Json;
import io.zarts.trainer.space.SearchSpace;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** zarts alphas on a history written as a search writes it: the picture and the refusals. */
class AlphasCommandTest {

  static final SearchSpace SPACE = SearchSpace.of(SearchSpaceName.DARTS_NO_NONE, 4);
  static final int EDGES = 14;
  static final int OPS = 7;
  static final int EPOCHS = 3;

  @TempDir Path dir;

  /** Three epochs of alphas.json in runs/fake/history, the format SearchOutput writes. */
  Path fakeSearch() {
    Path search = dir.resolve("runs/fake");
    for (int epoch = 1; epoch <= EPOCHS; epoch++) {
      AtomicFiles.write(
          search
              .resolve("history")
              .resolve(String.format("epoch-%04d", epoch))
              .resolve("alphas.json"),
          Json.write(
              AlphaReport.of(
                  epoch,
                  "darts-no-none",
                  SPACE.normal(),
                  weights(epoch, 0),
                  SPACE.reduce(),
                  weights(epoch, 3))));
    }
    return search;
  }

  /** Starts uniform and moves weight towards one operation per edge as the epochs go. */
  static double[][] weights(int epoch, int shift) {
    double[][] w = new double[EDGES][OPS];
    for (int e = 0; e < EDGES; e++) {
      int favourite = (e + shift) % OPS;
      double gain = 0.05 * (epoch - 1);
      for (int k = 0; k < OPS; k++) {
        w[e][k] = k == favourite ? 1.0 / OPS + gain : 1.0 / OPS - gain / (OPS - 1);
      }
    }
    return w;
  }

  static Document parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
  }

  @Test
  void drawsOneChartPerEdgeWithALinePerOperation() throws Exception {
    Path search = fakeSearch();
    Path svg = dir.resolve("alphas.svg");
    ZartsCliTest.Run run =
        zarts("alphas", search.toString(), "--format", "svg", "-o", svg.toString());
    assertThat(run.code()).as(run.err()).isZero();

    Document doc = parse(Files.readString(svg));
    assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
    List<Element> charts = withClass(doc.getElementsByTagNameNS("*", "g"), "edge-chart");
    assertThat(charts).hasSize(2 * EDGES);
    List<String> ids = charts.stream().map(c -> c.getAttribute("id")).toList();
    assertThat(ids.subList(0, EDGES)).allMatch(id -> id.startsWith("normal-e"));
    assertThat(ids).contains("normal-e0", "normal-e13", "reduce-e0", "reduce-e13");
    assertThat(new HashSet<>(ids)).hasSize(2 * EDGES);
    Set<String> ops = new HashSet<>();
    SPACE.normal().ops(0).forEach(p -> ops.add(p.opName()));
    for (Element chart : charts) {
      List<Element> lines = withClass(chart.getElementsByTagNameNS("*", "polyline"), "op-line");
      assertThat(lines).as(chart.getAttribute("id")).hasSize(OPS);
      assertThat(lines.stream().map(l -> l.getAttribute("data-op")).toList())
          .containsExactlyInAnyOrderElementsOf(ops);
      for (Element line : lines) {
        assertThat(line.getAttribute("points").split(" ")).hasSize(EPOCHS);
      }
    }
    // One legend entry per operation, each in its own colour.
    List<Element> legend = withClass(doc.getElementsByTagNameNS("*", "g"), "legend");
    assertThat(legend).hasSize(1);
    NodeList swatches = legend.get(0).getElementsByTagNameNS("*", "line");
    Set<String> colours = new HashSet<>();
    for (int i = 0; i < swatches.getLength(); i++) {
      colours.add(((Element) swatches.item(i)).getAttribute("stroke"));
    }
    assertThat(swatches.getLength()).isEqualTo(OPS);
    assertThat(colours).hasSize(OPS);
    assertThat(doc.getDocumentElement().getTextContent()).contains("alphas of fake, epochs 1 to 3");
  }

  @Test
  void writesToStandardOutputWithoutAFile() throws Exception {
    ZartsCliTest.Run run = zarts("alphas", fakeSearch().toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("<svg").endsWith("</svg>\n");
    parse(run.out());
  }

  @Test
  void refusesAnotherFormatNamingTheOption() {
    ZartsCliTest.Run run = zarts("alphas", fakeSearch().toString(), "--format", "png");
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_CONFIG);
    assertThat(run.err()).contains("--format").contains("png");
  }

  @Test
  void anEmptyOrMissingHistoryNamesTheFolderAndSaysToSearchFirst() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("runs/empty/history"));
    ZartsCliTest.Run run = zarts("alphas", empty.getParent().toString());
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_CONFIG);
    assertThat(run.err()).contains(empty.getParent().toString()).contains("run a search first");

    Path missing = dir.resolve("runs/missing");
    ZartsCliTest.Run none = zarts("alphas", missing.toString());
    assertThat(none.code()).isEqualTo(ExitCodes.INVALID_CONFIG);
    assertThat(none.err()).contains(missing.toString());
  }

  private static List<Element> withClass(NodeList nodes, String name) {
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      Element e = (Element) nodes.item(i);
      if (name.equals(e.getAttribute("class"))) {
        out.add(e);
      }
    }
    return out;
  }
}
