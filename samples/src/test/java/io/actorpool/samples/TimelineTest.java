package io.actorpool.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The adaptive-sizing sample's --timeline flag writes a well-formed SVG with every series. */
class TimelineTest {

  @Test
  void adaptiveSizing_timelineFlag_writesWellFormedSvgWithAllSeries(@TempDir Path dir)
      throws Exception {
    Path svg = dir.resolve("timeline.svg");
    String text = SampleOutput.of(AdaptiveSizing::main, "--timeline", svg.toString());
    assertTrue(text.contains("After adding 31 devices:\n desired: 4\n total: 4\n"), text);
    assertTrue(text.contains("Timeline written to"), text);

    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document doc = factory.newDocumentBuilder().parse(Files.newInputStream(svg));
    Element root = doc.getDocumentElement();
    assertEquals("svg", root.getLocalName());
    assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());

    Map<String, Integer> pointsBySeries = new HashMap<>();
    NodeList paths = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path");
    for (int i = 0; i < paths.getLength(); i++) {
      Element path = (Element) paths.item(i);
      String d = path.getAttribute("d");
      pointsBySeries.put(path.getAttribute("data-series"), d.split("L").length);
    }
    for (String series : new String[] {"desired pools", "total pools", "cpu", "memory",
        "queued"}) {
      assertTrue(pointsBySeries.getOrDefault(series, 0) > 5,
          series + " has too few points: " + pointsBySeries);
    }
  }
}
