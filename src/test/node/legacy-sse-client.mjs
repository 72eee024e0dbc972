// A legacy (2024-11-05 HTTP+SSE) MCP client for the tests: the TypeScript SDK's own SSEClientTransport
// and Client, driven by JSON commands on stdin and reporting JSON on stdout, one object per line.
//
//   node legacy-sse-client.mjs <sse url> <api key> <resume: last-event-id | none>
//
// Commands: {"op":"connect"}, {"op":"tools"}, {"op":"call","id":"c1","name":"echo","arguments":{},
// "progress":true}, {"op":"close"}. Reports: connected, endpoint (each endpoint event: the stream was
// (re)opened), sse-message (each message event as the EventSource got it), sse-request (each GET of
// the stream, with the Last-Event-ID it sent), tools, progress, result, error, notification,
// transport-error. The SDK's Client handles a notification a microtask after a response that came
// with it, so a progress notification read in the same chunk as its result reaches no progress
// callback (it reports "unknown token"): what the stream delivered is sse-message.
//
// Why "last-event-id": the SDK's SSEClientTransport (1.32.2) builds the headers of every GET of its
// EventSource itself and so drops the Last-Event-ID header that eventsource puts there on a reconnect
// (noted by the SDK's maintainers in modelcontextprotocol/typescript-sdk#2475, to be fixed on its own).
// This mode puts it back: the id of the last event the EventSource received, as a browser's would send.
// "none" is the SDK as it is: a reconnect opens a new stream and the client must initialize again.
import readline from 'node:readline';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';

const [url, key, resume] = process.argv.slice(2);
const out = (report) => process.stdout.write(JSON.stringify(report) + '\n');

let client;
let transport;

function newTransport() {
  let lastEventId;
  let tracked = false;
  const created = new SSEClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${key}` } },
    eventSourceInit: {
      fetch: (input, init) => {
        if (!tracked && created._eventSource) {
          tracked = true;
          const remember = (event) => {
            if (event.lastEventId) {
              lastEventId = event.lastEventId;
            }
          };
          created._eventSource.addEventListener('message', (event) => {
            remember(event);
            const message = JSON.parse(event.data);
            out({ op: 'sse-message', id: event.lastEventId, method: message.method, progress: message.params?.progress,
              response: message.method === undefined ? message.id : undefined });
          });
          created._eventSource.addEventListener('endpoint', (event) => {
            remember(event);
            out({ op: 'endpoint', id: event.lastEventId, data: event.data });
          });
        }
        const headers = new Headers(init.headers);
        if (resume === 'last-event-id' && lastEventId) {
          headers.set('Last-Event-ID', lastEventId);
        }
        out({ op: 'sse-request', lastEventId: headers.get('Last-Event-ID') });
        return fetch(input, { ...init, headers });
      },
    },
  });
  return created;
}

async function run(command) {
  switch (command.op) {
    case 'connect': {
      await client?.close(); // a client connecting again (after its session was lost) is a new one
      transport = newTransport();
      client = new Client({ name: 'legacy-sse-client', version: '1.0.0' });
      client.onerror = (error) => out({ op: 'transport-error', message: String(error?.message ?? error) });
      client.fallbackNotificationHandler = async (notification) =>
        out({ op: 'notification', method: notification.method, params: notification.params });
      await client.connect(transport);
      out({ op: 'connected', endpoint: transport._endpoint.href, server: client.getServerVersion() });
      return;
    }
    case 'tools': {
      const listed = await client.listTools();
      out({ op: 'tools', names: listed.tools.map((tool) => tool.name) });
      return;
    }
    case 'call': {
      const options = { timeout: 60000 };
      if (command.progress) {
        options.onprogress = (progress) => out({ op: 'progress', id: command.id, progress: progress.progress });
        options.resetTimeoutOnProgress = true;
      }
      client.callTool({ name: command.name, arguments: command.arguments ?? {} }, undefined, options)
        .then((result) => out({ op: 'result', id: command.id, result }))
        .catch((error) => out({ op: 'error', id: command.id, message: String(error?.message ?? error) }));
      return;
    }
    case 'close': {
      await client?.close();
      process.exit(0);
    }
    default:
      throw new Error(`unknown op ${command.op}`);
  }
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const command = JSON.parse(line);
  run(command).catch((error) => out({ op: 'error', id: command.id ?? command.op, message: String(error?.message ?? error) }));
});
process.stdin.on('end', () => process.exit(0));
