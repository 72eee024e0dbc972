package io.mcp.sessionstore.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The dashboard is one Grafana imports as it is, and the extractor finds the names its IT checks. */
class GrafanaDashboardTest {

    @Test
    void extractorWhenQueriesHaveFunctionsLabelsAndGroupingsThenOnlyMetricNames() {
        assertEquals(Set.of("http_server_requests_seconds_bucket"), GrafanaDashboard.metricNames(
                "histogram_quantile(0.99, sum by (le, uri) (rate(http_server_requests_seconds_bucket{job=~\"$job\","
                        + "uri!~\"/q/.*\"}[$__rate_interval])))"));
        assertEquals(Set.of("mcp_gateway_upstream_calls_seconds_sum", "mcp_gateway_upstream_calls_seconds_count"),
                GrafanaDashboard.metricNames("sum by (upstream) (rate(mcp_gateway_upstream_calls_seconds_sum[5m])) / "
                        + "sum by (upstream) (rate(mcp_gateway_upstream_calls_seconds_count{outcome=\"ok\"}[5m])) * 1000"));
        assertEquals(Set.of("a_total", "b_total"),
                GrafanaDashboard.metricNames("sum(increase(a_total[1h])) or on() vector(0) and ignoring(x) b_total offset 5m"));
        assertEquals(Set.of("mcp_sesions_active"), GrafanaDashboard.metricNames("max(mcp_sesions_active)"),
                "a misspelled name is kept, so the IT reports it");
    }

    @Test
    void dashboardWhenReadThenEveryPanelHasAnIdAQueryAndTheDatasourceVariable() throws IOException {
        GrafanaDashboard dashboard = GrafanaDashboard.read(GrafanaDashboard.FILE);
        assertEquals("mcp-session-store", dashboard.json().path("uid").asText());
        assertTrue(dashboard.json().path("templating").path("list").findValuesAsText("name").contains("datasource"));
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.panels()) {
            assertTrue(ids.add(panel.path("id").asInt()), "two panels with id " + panel.path("id"));
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            String title = panel.path("title").asText();
            assertFalse(title.isBlank(), "a panel without a title: " + panel);
            assertEquals("${datasource}", panel.path("datasource").path("uid").asText(), title);
            assertFalse(panel.path("targets").isEmpty(), title + " has no query");
            panel.path("targets").forEach(target -> assertFalse(target.path("expr").asText().isBlank(), title));
            assertTrue(panel.path("gridPos").has("w") && panel.path("gridPos").has("y"), title + " has no place");
        }
        assertTrue(dashboard.panels().size() >= 12, "only " + dashboard.panels().size() + " panels");
    }
}
