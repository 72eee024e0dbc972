-- wrk script of bench/gateway: tools/call echo on one MCP session, the session id from MCP_SESSION.
local session = os.getenv("MCP_SESSION")
local key = os.getenv("MCP_KEY")
local counter = 0

request = function()
   counter = counter + 1
   local headers = {
      ["Content-Type"] = "application/json",
      ["Accept"] = "application/json, text/event-stream",
      ["Mcp-Session-Id"] = session,
      ["MCP-Protocol-Version"] = "2025-11-25",
   }
   if key ~= nil and key ~= "" then
      headers["Authorization"] = "Bearer " .. key
   end
   local body = '{"jsonrpc":"2.0","id":' .. counter .. ',"method":"tools/call","params":{"name":"echo",'
      .. '"arguments":{"message":"bench ' .. counter .. '"}}}'
   return wrk.format("POST", nil, headers, body)
end

done = function(summary, latency, requests)
   io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d requests=%d\n",
      summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
         + summary.errors.timeout, summary.requests))
end
