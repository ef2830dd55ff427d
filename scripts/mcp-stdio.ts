// The MCP stdio bridge: `npm run mcp` (or `npx tsx scripts/mcp-stdio.ts`). Desktop agents (Claude Desktop, Cursor…)
// start a command and speak MCP over its stdin/stdout; this one forwards every tool list and call to a Doitong
// server's /mcp over HTTP with the key from the environment, and relays progress notifications back.
//   DOITONG_API_KEY  the API key (dk_live_… or dk_test_…)      DOITONG_URL  the server (default http://localhost:3000)
// These are the client's own settings, read here rather than through lib/env.ts: this script runs beside the
// agent, not inside the server.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";

async function main() {
  const key = process.env.DOITONG_API_KEY;
  if (!key) {
    process.stderr.write("Set DOITONG_API_KEY to a Doitong API key (the dashboard's Keys page makes one).\n");
    process.exit(2);
  }
  const base = (process.env.DOITONG_URL ?? "http://localhost:3000").replace(/\/$/, "");
  const remote = new Client({ name: "doitong-stdio-bridge", version: "1.0.0" });
  await remote.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { requestInit: { headers: { authorization: `Bearer ${key}` } } }));

  const local = new Server({ name: "doitong", version: "1.0.0" }, { capabilities: { tools: {} } });
  local.setRequestHandler(ListToolsRequestSchema, (request) => remote.listTools(request.params));
  local.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const token = request.params._meta?.progressToken;
    return remote.callTool(request.params, undefined, {
      signal: extra.signal,
      // Long waits (videos) keep the call alive while progress arrives.
      resetTimeoutOnProgress: true,
      timeout: 10 * 60_000,
      onprogress: token === undefined ? undefined : (p) => void extra.sendNotification({ method: "notifications/progress", params: { ...p, progressToken: token } }),
    });
  });
  await local.connect(new StdioServerTransport());
}

main().catch((error: unknown) => {
  process.stderr.write(`doitong mcp: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
