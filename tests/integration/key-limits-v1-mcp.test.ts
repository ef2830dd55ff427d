import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import OpenAI, { PermissionDeniedError, RateLimitError } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";
import { signUpAndSignIn } from "../helpers/session";

// A key's own limits hold on every way in: /v1 (OpenAI's shape) and /mcp call the same verbs as GraphQL, so a spend
// cap, a missing scope and an expiry answer there as they do on GraphQL. The key is made and limited in the
// dashboard (session), as a person would; the local preview provider costs 1 credit an image.
let server: TestServer;
let asUser: { headers: Record<string, string> };

beforeAll(async () => {
  server = await startServer();
  const { cookie } = await signUpAndSignIn(server);
  asUser = { headers: { cookie, "x-doitong-csrf": "1" } };
}, 120_000);
afterAll(() => server?.stop());

async function limitedKey(limits: Record<string, unknown>): Promise<string> {
  const made = await server.gql<{ createApiKey: { key: string; apiKey: { id: string } } }>(`mutation { createApiKey(name: "limited") { key apiKey { id } } }`, {}, asUser);
  const { key, apiKey } = made.body.data!.createApiKey;
  const set = await server.gql(`mutation($id: ID!, $l: ApiKeyLimitsInput!) { updateApiKeyLimits(id: $id, limits: $l) { id } }`, { id: apiKey.id, l: limits }, asUser);
  expect(set.body.errors).toBeUndefined();
  return key;
}

const openai = (apiKey: string) => new OpenAI({ apiKey, baseURL: `${server.url}/v1`, maxRetries: 0 });

describe("a key's limits on /v1 and /mcp", () => {
  it("refuses /v1 images past the key's cap with insufficient_quota naming the key, and without the scope with 403", async () => {
    const capped = await limitedKey({ spendCap: 1, spendPeriod: "DAY" });
    await openai(capped).images.generate({ model: "local", prompt: "A tin robot" });
    const over = await openai(capped)
      .images.generate({ model: "local", prompt: "Another" })
      .catch((e: unknown) => e);
    expect(over).toBeInstanceOf(RateLimitError);
    expect(over).toMatchObject({ status: 429, code: "INSUFFICIENT_CREDITS", type: "insufficient_quota" });
    expect((over as Error).message).toContain("This API key may spend 1 credits per day");

    const readOnly = await limitedKey({ scopes: ["read"] });
    const denied = await openai(readOnly)
      .images.generate({ model: "local", prompt: "A tin robot" })
      .catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(PermissionDeniedError);
    expect(denied).toMatchObject({ status: 403, code: "FORBIDDEN" });
  }, 120_000);

  it("answers an MCP generate past the cap, and a read without the scope, as tool errors the agent can read", async () => {
    const key = await limitedKey({ spendCap: 1, spendPeriod: "TOTAL", scopes: ["generate"] });
    const client = new Client({ name: "test-agent", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${key}` } } }));
    const text = (r: unknown) => JSON.parse((r as { content: { text: string }[] }).content[0].text) as Record<string, unknown>;
    const first = await client.callTool({ name: "generate", arguments: { type: "IMAGE", prompt: "A coin", provider: "local", wait_seconds: 0 } });
    expect(first.isError).toBeFalsy();
    const second = await client.callTool({ name: "generate", arguments: { type: "IMAGE", prompt: "A coin", provider: "local", wait_seconds: 0 } });
    expect(second.isError).toBe(true);
    expect(text(second)).toMatchObject({ code: "INSUFFICIENT_CREDITS", scope: "key", cap: "total" });
    const balance = await client.callTool({ name: "get_balance", arguments: {} });
    expect(text(balance)).toMatchObject({ code: "FORBIDDEN", required: "read" });
    await client.close();
  }, 120_000);

  it("says an expired key has expired, on /v1 as on GraphQL", async () => {
    const key = await limitedKey({ expiresAt: new Date(Date.now() + 1_500).toISOString() });
    await new Promise((r) => setTimeout(r, 2_600));
    const res = await fetch(`${server.url}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("expired");
    const gql = await server.gql(`{ me { plan } }`, {}, { apiKey: key });
    expect(gql.body.errors?.[0].extensions).toMatchObject({ code: "UNAUTHENTICATED", reason: "key-expired" });
  }, 120_000);
});
