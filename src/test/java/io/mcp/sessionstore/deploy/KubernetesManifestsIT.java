package io.mcp.sessionstore.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/**
 * deploy/kubernetes/kubernetes.yml is what operators apply: it must be what the build generates
 * (target/kubernetes/kubernetes.yml) and carry the probes, the Secret references and the hardened
 * security context.
 */
class KubernetesManifestsIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path COMMITTED = Path.of("deploy", "kubernetes", "kubernetes.yml");
    private static final Path GENERATED = Path.of("target", "kubernetes", "kubernetes.yml");

    static Map<String, JsonNode> documents(Path file) throws IOException {
        Map<String, JsonNode> byKindAndName = new TreeMap<>();
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
            List<JsonNode> nodes = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(nodes::add);
            for (JsonNode node : nodes) {
                if (node != null && !node.isNull() && !node.isEmpty()) {
                    byKindAndName.put(node.path("kind").asText() + "/" + node.path("metadata").path("name").asText(), node);
                }
            }
        }
        return byKindAndName;
    }

    @Test
    void committedManifestsWhenCompareToGeneratedThenSame() throws IOException {
        assertTrue(Files.exists(GENERATED), "the build generates " + GENERATED);
        assertEquals(documents(GENERATED), documents(COMMITTED),
                "deploy/kubernetes/kubernetes.yml is stale: copy target/kubernetes/kubernetes.yml over it after `./mvnw package`");
    }

    @Test
    void manifestsWhenParsedThenDeploymentIsProductionReady() throws IOException {
        Map<String, JsonNode> documents = documents(COMMITTED);
        assertEquals(Set.of("ConfigMap/mcp-session-store", "Deployment/mcp-session-store",
                "PodDisruptionBudget/mcp-session-store", "Service/mcp-session-store"), documents.keySet(),
                "no Flyway Job, no RBAC, no ServiceMonitor");

        JsonNode deployment = documents.get("Deployment/mcp-session-store");
        assertEquals(2, deployment.at("/spec/replicas").asInt());
        JsonNode pod = deployment.at("/spec/template/spec");
        assertTrue(pod.path("initContainers").isMissingNode() || pod.path("initContainers").isEmpty(), "no wait-for init container");
        assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean());
        assertEquals(1, pod.path("containers").size());
        JsonNode container = pod.path("containers").get(0);

        assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
        assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals("/q/health/started", container.at("/startupProbe/httpGet/path").asText());

        assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean());
        assertFalse(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true));
        assertEquals("/tmp", container.at("/volumeMounts/0/mountPath").asText(), "a writable /tmp beside the read-only root");

        Map<String, String> secretKeys = new TreeMap<>();
        for (JsonNode env : container.path("env")) {
            JsonNode ref = env.at("/valueFrom/secretKeyRef");
            if (!ref.isMissingNode()) {
                secretKeys.put(env.path("name").asText(), ref.path("name").asText() + "/" + ref.path("key").asText());
            }
        }
        assertEquals(Map.of("DATABASE_URL", "mcp-session-store/DATABASE_URL", "MCP_API_KEYS", "mcp-session-store/MCP_API_KEYS"),
                secretKeys, "credentials come from the Secret");
        assertTrue(java.util.stream.StreamSupport.stream(container.path("env").spliterator(), false)
                .anyMatch(env -> env.path("name").asText().equals("POD_IP")
                        && env.at("/valueFrom/fieldRef/fieldPath").asText().equals("status.podIP")),
                "the pod's address, where the other replicas reach its stdio children: " + container.path("env"));
        assertEquals("mcp-session-store", container.at("/envFrom/0/configMapRef/name").asText());
        JsonNode settings = documents.get("ConfigMap/mcp-session-store").path("data");
        assertFalse(settings.has("DATABASE_URL") || settings.has("MCP_API_KEYS"), "no secret in the ConfigMap");

        assertFalse(container.at("/resources/requests/memory").asText().isEmpty());
        assertFalse(container.at("/resources/limits/memory").asText().isEmpty());
        assertFalse(container.at("/resources/limits/cpu").asText().isEmpty());
        assertEquals(1, documents.get("PodDisruptionBudget/mcp-session-store").at("/spec/minAvailable").asInt());
        assertTrue(pod.path("terminationGracePeriodSeconds").asInt() > 20, "longer than the shutdown timeout");
    }

}
