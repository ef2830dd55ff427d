import http from "node:http";
import type net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";

// Two ways to run the app serve the same API: `npm start` (server.mjs: the API dispatched before Next's router,
// issue 22) and plain `next start` (the route handlers under app/, as on hosts that run Next without a custom
// server). Every other integration test runs the custom server; this one checks that a client cannot tell the two
// apart — statuses, bodies and the headers that matter — and that the custom server really takes the fast path.
let custom: TestServer;
let plain: TestServer;
const keys = new Map<TestServer, string>();

beforeAll(async () => {
  [custom, plain] = await Promise.all([startServer(), startServer({}, { plainNext: true })]);
  for (const server of [custom, plain]) keys.set(server, (await server.createAccount({ plan: "ENTERPRISE", credits: 1_000, keyMode: "test" })).apiKey);
});
afterAll(async () => {
  await Promise.all([custom?.stop(), plain?.stop()]);
});

interface Ask {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  key?: boolean;
}

/** What a client sees: status, the headers a client or browser acts on, and the body (ids and times masked). */
async function ask(server: TestServer, { path, method = "GET", headers = {}, body, key }: Ask) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    body,
    redirect: "manual",
    headers: { ...headers, ...(key ? { authorization: `Bearer ${keys.get(server)}` } : {}) },
  });
  const text = await res.text();
  const seen: Record<string, string | null> = {};
  for (const name of [
    "content-type",
    "content-security-policy",
    "x-content-type-options",
    "x-frame-options",
    "referrer-policy",
    "permissions-policy",
    "strict-transport-security",
    "allow",
    "www-authenticate",
    "x-ratelimit-limit",
    "access-control-allow-origin",
    "access-control-allow-credentials",
  ]) {
    seen[name] = res.headers.get(name);
  }
  return {
    status: res.status,
    ...(text.length > 8192 ? { encoding: res.headers.get("content-encoding") } : {}),
    requestId: /^[\w.:-]{8,64}$/.test(res.headers.get("x-request-id") ?? "") || res.headers.get("x-request-id") === null,
    headers: seen,
    body: text
      .replaceAll(server.url, "<origin>")
      .replace(/"requestId":"[^"]+"/g, '"requestId":"…"')
      .replace(/req_[\w-]+/g, "req_…"),
  };
}

const json = { "content-type": "application/json" };
const asks: [string, Ask][] = [
  ["an anonymous GraphQL query", { path: "/graphql", method: "POST", headers: json, body: '{"query":"{ __typename }"}' }],
  ["an authenticated query under /api", { path: "/api/graphql", method: "POST", headers: json, body: '{"query":"{ me { plan } }"}', key: true }],
  ["an invalid GraphQL document", { path: "/graphql", method: "POST", headers: json, body: '{"query":"{ nope }"}', key: true }],
  ["a GET query", { path: "/graphql?query=%7B__typename%7D" }],
  ["GraphiQL", { path: "/graphql", headers: { accept: "text/html" } }],
  ["a CORS preflight", { path: "/graphql", method: "OPTIONS", headers: { origin: "https://elsewhere.example", "access-control-request-method": "POST" } }],
  ["HSTS behind an https proxy", { path: "/graphql?query=%7B__typename%7D", headers: { "x-forwarded-proto": "https" } }],
  ["the model list", { path: "/v1/models", key: true }],
  ["the model list without a key", { path: "/v1/models" }],
  // Compressed alike (Next's compression): small answers may differ, Next gzips even 30 bytes when it streams them.
  ["the OpenAPI document", { path: "/v1/openapi.json", headers: { "accept-encoding": "gzip" } }],
  ["an unknown video", { path: "/v1/videos/vid_missing", key: true }],
  ["an unknown video's content", { path: "/v1/videos/vid_missing/content", key: true }],
  ["a method the route lacks", { path: "/v1/models", method: "DELETE", key: true }],
  ["MCP without a key", { path: "/mcp", method: "POST", headers: json, body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}' }],
];

describe("the custom server and plain Next answer the API alike", () => {
  it.each(asks)("%s", async (_, request) => {
    const [fast, routed] = await Promise.all([ask(custom, request), ask(plain, request)]);
    expect(fast.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(fast).toEqual(routed);
  });

  it.each([
    ["npm start", () => custom],
    ["next start", () => plain],
  ])("%s: a generation asked for on /graphql is found on /api/graphql", async (_, server) => {
    const post = (path: string, query: string) =>
      fetch(`${server().url}${path}`, { method: "POST", headers: { ...json, authorization: `Bearer ${keys.get(server())}` }, body: JSON.stringify({ query }) });
    const made = (await (await post("/graphql", 'mutation { generate(input: { type: IMAGE, input: { text: "both ways" } }) { id } }')).json()) as {
      data: { generate: { id: string } };
    };
    const found = (await (await post("/api/graphql", `{ generation(id: "${made.data.generate.id}") { id type } }`)).json()) as {
      data: { generation: { id: string; type: string } };
    };
    expect(found.data.generation).toEqual({ id: made.data.generate.id, type: "IMAGE" });
  });

  it("npm start answers a GraphQL request with its length, not chunked (one write)", async () => {
    const res = await fetch(`${custom.url}/graphql`, { method: "POST", headers: json, body: '{"query":"{ __typename }"}' });
    const text = await res.text();
    expect(res.headers.get("transfer-encoding")).toBeNull();
    expect(res.headers.get("content-length")).toBe(String(Buffer.byteLength(text)));
  });

  it("npm start keeps an idle kept-alive connection open past Node's 5 s, so a client reusing it is not reset", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const request = () =>
      new Promise<{ status: number; reused: boolean; socket: net.Socket }>((resolve, reject) => {
        const req = http.request(`${custom.url}/graphql?query=%7B__typename%7D`, { agent }, (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode!, reused: req.reusedSocket, socket: req.socket! }));
        });
        req.on("error", reject).end();
      });
    try {
      const first = await request();
      let closedAt: number | undefined;
      first.socket.once("close", () => (closedAt = Date.now()));
      await new Promise((r) => setTimeout(r, 6_000));
      expect(closedAt, "the server closed the idle connection").toBeUndefined();
      const second = await request();
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(second.reused).toBe(true);
    } finally {
      agent.destroy();
    }
  });

  it("npm start serves the API before Next's router, next start through it", () => {
    expect(custom.output()).toContain("API before Next: yes");
    expect(plain.output()).not.toContain("API before Next");
  });
});
