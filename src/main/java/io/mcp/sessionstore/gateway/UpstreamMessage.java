package io.mcp.sessionstore.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One JSON-RPC message of an upstream's answer, and the upstream stream's last event id at it (null
 * for a JSON body, or a stream without ids): where the gateway resumes that stream after it.
 */
record UpstreamMessage(String eventId, ObjectNode message) {
}
