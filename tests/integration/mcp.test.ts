import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";

// An MCP client from the official SDK, over Streamable HTTP, with an API key as Bearer.
let server: TestServer;
let apiKey: string;

beforeAll(async () => {
  server = await startServer({ DOITONG_SANDBOX_TASK_MS: "1500", DOITONG_SANDBOX_TIME_SCALE: "0.1" });
  ({ apiKey } = await server.createAccount({ credits: 100, keyMode: "test" }));
}, 120_000);
afterAll(() => server?.stop());

async function connect(key: string | null): Promise<Client> {
  const client = new Client({ name: "test-agent", version: "1.0.0" });
  const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
  await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { requestInit: { headers } }));
  return client;
}

type Content = { type: string; text?: string; data?: string; mimeType?: string; uri?: string };

describe("MCP server", () => {
  it("lists the tools, with input schemas that show the unified options' allowed values", async () => {
    const client = await connect(apiKey);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(["cancel_generation", "estimate", "generate", "get_balance", "get_generation", "list_providers", "wait_for_generation"]);
    const generate = tools.find((t) => t.name === "generate")!;
    const options = (generate.inputSchema.properties as Record<string, { properties: Record<string, { enum?: string[] }> }>).options;
    expect(options.properties.quality.enum).toEqual(["draft", "standard", "high", "ultra"]);
    expect(options.properties.aspectRatio.enum).toContain("21:9");
    await client.close();
  });

  it("generates an image with a test key, sending progress notifications, and returns the image itself", async () => {
    const client = await connect(apiKey);
    const progress: number[] = [];
    const result = await client.callTool(
      { name: "generate", arguments: { type: "IMAGE", provider: "imagen", prompt: "A lighthouse at dawn", options: { aspectRatio: "16:9" } } },
      undefined,
      { onprogress: (p) => progress.push(p.progress), timeout: 120_000 },
    );
    expect(result.isError).toBeFalsy();
    const content = result.content as Content[];
    const summary = JSON.parse(content[0].text!);
    expect(summary).toMatchObject({ status: "COMPLETED", provider: "imagen" });
    const image = content.find((c) => c.type === "image")!;
    expect(image.mimeType).toMatch(/^image\//);
    expect((await sharp(Buffer.from(image.data!, "base64")).metadata()).width).toBeGreaterThan(16);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(100);
    await client.close();
  }, 120_000);

  it("answers balance, estimates and tool errors as results the agent can read", async () => {
    const client = await connect(apiKey);
    const balance = JSON.parse(((await client.callTool({ name: "get_balance", arguments: {} })).content as Content[])[0].text!);
    expect(balance).toMatchObject({ balance: 100, mode: "TEST" });
    const estimate = JSON.parse(((await client.callTool({ name: "estimate", arguments: { type: "VIDEO", provider: "kling", prompt: "A boat" } })).content as Content[])[0].text!);
    expect(estimate.creditCost).toBeGreaterThan(0);
    const missing = await client.callTool({ name: "get_generation", arguments: { id: "gen_nope" } });
    expect(missing.isError).toBe(true);
    expect(JSON.parse((missing.content as Content[])[0].text!)).toMatchObject({ code: "NOT_FOUND" });
    await client.close();
  });

  it("refuses a missing key with HTTP 401", async () => {
    await expect(connect(null)).rejects.toThrow(/Missing API key|UNAUTHENTICATED/);
    const res = await fetch(`${server.url}/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("is reachable from desktop agents through the stdio bridge (npm run mcp), with the key from the environment", async () => {
    const client = new Client({ name: "desktop-agent", version: "1.0.0" });
    const env = { PATH: process.env.PATH ?? "", DOITONG_API_KEY: apiKey, DOITONG_URL: server.url };
    await client.connect(new StdioClientTransport({ command: process.execPath, args: ["node_modules/tsx/dist/cli.mjs", "scripts/mcp-stdio.ts"], env }));
    const balance = JSON.parse(((await client.callTool({ name: "get_balance", arguments: {} })).content as Content[])[0].text!);
    expect(balance).toMatchObject({ balance: 100, mode: "TEST" });
    await client.close();
  }, 60_000);
});
