package io.mcp.sessionstore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class ServerRequestIdsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text);
    }

    @Test
    void requestWhenRelayedAndAnsweredThenTheUpstreamGetsItsOwnIdBackWhateverItsType() throws Exception {
        for (String id : new String[] {"0", "42", "\"abc\"", "\"u1-7\"", "\"with-dash\""}) {
            ObjectNode asked = json("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"sampling/createMessage\",\"params\":{}}");
            ObjectNode relayed = ServerRequestIds.toClient(asked, 3);
            assertTrue(relayed.get("id").isTextual() && relayed.get("id").textValue().startsWith("u3-"), relayed.toString());
            assertEquals(id, asked.get("id").toString(), "the upstream's message is not changed in place");
            ObjectNode answer = json("{\"jsonrpc\":\"2.0\",\"id\":" + relayed.get("id") + ",\"result\":{}}");
            assertEquals(JSON.readTree(id), ServerRequestIds.toUpstream(answer, 3).orElseThrow().get("id"), "id " + id);
        }
    }

    @Test
    void answerWhenItIsForAnOlderGenerationThenDropped() throws Exception {
        ObjectNode relayed = ServerRequestIds.toClient(json("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"roots/list\"}"), 1);
        ObjectNode answer = json("{\"jsonrpc\":\"2.0\",\"id\":" + relayed.get("id") + ",\"result\":{\"roots\":[]}}");
        assertEquals(Optional.empty(), ServerRequestIds.toUpstream(answer, 2), "the upstream session that asked is gone");
    }

    @Test
    void cancellationWhenEitherSideCancelsAServerRequestThenItsIdIsMappedToo() throws Exception {
        ObjectNode cancelled = ServerRequestIds.toClient(json(
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":5}}"), 2);
        assertEquals("u2-5", cancelled.path("params").path("requestId").textValue());
        ObjectNode back = ServerRequestIds.toUpstream(cancelled, 2).orElseThrow();
        assertEquals(5, back.path("params").path("requestId").intValue());
    }

    @Test
    void messageWhenNotAServerRequestOrItsAnswerThenUnchanged() throws Exception {
        for (String text : new String[] {
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progress\":1}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\"}}"}) {
            ObjectNode message = json(text);
            assertEquals(message, ServerRequestIds.toClient(message, 1), "responses and notifications go as they are: " + text);
        }
        ObjectNode clientsOwn = json("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"client-7\"}}");
        assertEquals(Optional.of(clientsOwn), ServerRequestIds.toUpstream(clientsOwn, 1), "a client's own request id");
        ObjectNode notOurs = json("{\"jsonrpc\":\"2.0\",\"id\":\"u1-not json\",\"result\":{}}");
        assertEquals(Optional.empty(), ServerRequestIds.toUpstream(notOurs, 1), "no request of ours had that id");
    }
}
