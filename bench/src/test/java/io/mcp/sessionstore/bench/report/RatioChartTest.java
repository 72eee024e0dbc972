package io.mcp.sessionstore.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class RatioChartTest {

    @TempDir
    Path dir;

    @Test
    void isWellFormedSvgWithOneBarPerScenarioConnectionsAndMode() throws Exception {
        List<ThroughputComparison> comparisons =
                ThroughputComparison.of(RunDirectory.read(RunFixture.realistic(dir).write()));

        Document svg = parse(RatioChart.render(comparisons));

        assertEquals("svg", svg.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", svg.getDocumentElement().getNamespaceURI());
        List<Element> bars = elements(svg, "rect").stream().filter(e -> e.getAttribute("class").equals("bar")).toList();
        assertEquals(comparisons.size() * 2, bars.size());
        Set<String> keys = new HashSet<>();
        for (Element bar : bars) {
            keys.add(bar.getAttribute("data-scenario") + "/" + bar.getAttribute("data-connections") + "/"
                    + bar.getAttribute("data-mode"));
        }
        assertEquals(comparisons.size() * 2, keys.size(), "no (scenario, connections, mode) twice");
        assertTrue(keys.contains("activity/64/off") && keys.contains("gateway/8/on"), keys.toString());
    }

    @Test
    void drawsATargetLineForEveryGroupWithATargetAndALegend() throws Exception {
        String text = RatioChart.render(ThroughputComparison.of(RunDirectory.read(RunFixture.realistic(dir).write())));
        Document svg = parse(text);

        long targets = elements(svg, "line").stream().filter(e -> e.getAttribute("class").equals("target")).count();
        assertEquals(8, targets, "four scenarios at two connection counts; the gateway has no target");
        assertTrue(text.contains("batching on") && text.contains("batching off") && text.contains(">target<"));
        assertTrue(text.contains("fill=\"#ffffff\""), "white background");
    }

    @Test
    void aHigherRatioIsATallerBar() throws Exception {
        Document svg = parse(RatioChart.render(List.of(
                ThroughputComparison.at(RunDirectory.read(RunFixture.realistic(dir).write()), "activity", 8))));

        List<Element> bars = elements(svg, "rect").stream().filter(e -> e.getAttribute("class").equals("bar")).toList();
        double on = Double.parseDouble(bars.get(0).getAttribute("height"));
        double off = Double.parseDouble(bars.get(1).getAttribute("height"));
        assertEquals("on", bars.get(0).getAttribute("data-mode"));
        assertEquals(1.10 / 0.90, on / off, 0.01);
    }

    @Test
    void aMissingRatioHasNoBarAndAnEmptyRunStillGivesAChart() throws Exception {
        Benchmark benchmark = RunDirectory.read(new RunFixture(dir).pgbenchPeak("get", 8, 1, 1000)
                .servicePeak("on", "get", 8, 900).write());

        Document one = parse(RatioChart.render(ThroughputComparison.of(benchmark)));
        Document none = parse(RatioChart.render(List.of()));

        assertEquals(1, elements(one, "rect").stream().filter(e -> e.getAttribute("class").equals("bar")).count());
        assertEquals(0, elements(none, "rect").stream().filter(e -> e.getAttribute("class").equals("bar")).count());
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document document, String name) {
        NodeList nodes = document.getElementsByTagNameNS("http://www.w3.org/2000/svg", name);
        return IntStream.range(0, nodes.getLength()).mapToObj(i -> (Element) nodes.item(i)).toList();
    }
}
