import { createHmac, randomBytes } from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer, waitForGeneration } from "../helpers/server";
import { signedInPerson } from "../helpers/session";

// What an attacker on the open internet can try against the HTTP surface: oversized and over-complex requests,
// framing and content sniffing, cross-site reads with the victim's cookies, forged or stale media links, and keys
// that were revoked while the key cache was warm.
let server: TestServer;
let closed: TestServer;
let apiKey: string;
const SECRET = randomBytes(32).toString("hex");

beforeAll(async () => {
  [server, closed] = await Promise.all([startServer({ DOITONG_SECRET: SECRET }), startServer({ DOITONG_INTROSPECTION: "off" })]);
  const created = await server.createAccount({ plan: "ENTERPRISE", credits: 1_000, keyMode: "test" });
  await server.setLimits(created.accountId, { rpm: 0 });
  apiKey = created.apiKey;
});
afterAll(async () => {
  await Promise.all([server?.stop(), closed?.stop()]);
});

const post = (body: BodyInit, headers: Record<string, string> = {}, init: RequestInit = {}) =>
  fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}`, ...headers }, body, ...init });

describe("security headers on every response", () => {
  it.each([
    ["the landing page", "/", {}],
    ["GraphiQL", "/graphql", { accept: "text/html" }],
    ["a GraphQL answer", "/graphql?query=%7B__typename%7D", {}],
    ["a refused media link", "/media/a/b.png?expires=1&sig=x", {}],
    ["a missing page", "/nope", {}],
  ])("%s", async (_, path, headers) => {
    const res = await fetch(`${server.url}${path}`, { headers, redirect: "manual" });
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    // Plain http on localhost: no HSTS, which would pin a developer's browser to https.
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });

  it("adds HSTS when the request reached the proxy over https", async () => {
    const res = await fetch(`${server.url}/`, { headers: { "x-forwarded-proto": "https" } });
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d{8}/);
  });

  it("never lets another site read answers with the visitor's cookies", async () => {
    const { cookie } = await signedInPerson(server);
    const preflight = await fetch(`${server.url}/graphql`, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type, x-doitong-csrf" },
    });
    expect(preflight.headers.get("access-control-allow-credentials")).toBeNull();
    const answer = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { origin: "https://evil.example", cookie, "x-doitong-csrf": "1", "content-type": "application/json" },
      body: JSON.stringify({ query: "{ me { email } }" }),
    });
    expect(answer.headers.get("access-control-allow-credentials")).toBeNull();
  });
});

describe("GraphQL limits (QUERY_TOO_COMPLEX)", () => {
  const expectTooComplex = async (res: Response, limit: string, status = 400) => {
    expect(res.status).toBe(status);
    const body = (await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors[0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit });
    expect(body.errors[0].message.length).toBeGreaterThan(10);
  };

  const expectTooComplexRaw = async (res: { status: number; text: string }, limit: string, status: number) => {
    expect(res.status).toBe(status);
    expect((JSON.parse(res.text) as { errors: { extensions: Record<string, unknown> }[] }).errors[0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit });
  };

  it("depth", async () => {
    const deep = `{ ${"generations { nodes { ".repeat(6)}id${" } }".repeat(6)} }`;
    await expectTooComplex(await post(JSON.stringify({ query: deep })), "depth");
  });

  it("aliases", async () => {
    await expectTooComplex(await post(JSON.stringify({ query: `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: __typename`).join(" ")} }` })), "aliases");
  });

  it("cost, counting a page size sent as a variable", async () => {
    const query = `query($n: Int) { ${Array.from({ length: 20 }, (_, i) => `g${i}: generations(first: $n) { nodes { id attempts { provider status } routing { candidates { provider } } } }`).join(" ")} }`;
    await expectTooComplex(await post(JSON.stringify({ query, variables: { n: 100 } })), "cost");
    const cheap = await post(JSON.stringify({ query, variables: { n: 1 } }));
    expect(cheap.status).toBe(200);
  });

  it("batches of more than 10 operations", async () => {
    await expectTooComplex(await post(JSON.stringify(Array.from({ length: 11 }, () => ({ query: "{ __typename }" })))), "batch");
    expect((await post(JSON.stringify(Array.from({ length: 10 }, () => ({ query: "{ __typename }" }))))).status).toBe(200);
  });

  it("query text over 100 KB, and bracket bombs", async () => {
    await expectTooComplex(await post(JSON.stringify({ query: `{ __typename ${" ".repeat(100_001)}}` })), "document");
    await expectTooComplex(await post(JSON.stringify({ query: `{ generation(id: ${"[".repeat(3_000)}) { id } }` })), "nesting");
  });

  it("bodies over 30 MB, announced or streamed, while a 28 MB data: URI input still gets through", async () => {
    const big = "A".repeat(31 * 1024 * 1024);
    await expectTooComplexRaw(await rawPost([JSON.stringify({ query: "{ __typename }", variables: { x: big } })], true), "body", 413);
    const chunks = [`{"query":"{ __typename }","variables":{"x":"`, ...Array.from({ length: 31 }, () => "A".repeat(1024 * 1024)), `"}}`];
    await expectTooComplexRaw(await rawPost(chunks, false), "body", 413);
    // A data: URI just under plan-generation's MAX_DATA_URI_LENGTH (28,000,000): past every size limit, on to input
    // validation (which then judges the image itself).
    const image = `data:image/png;base64,${"A".repeat(27_999_000)}`;
    const res = await rawPost(
      [
        JSON.stringify({
          query: `query($i: GenerateInput!) { estimate(input: $i) { creditCost } }`,
          variables: { i: { type: "VIDEO", provider: "kling", input: { text: "big", image } } },
        }),
      ],
      true,
    );
    expect(res.status).toBeLessThan(413);
    expect((JSON.parse(res.text) as { errors?: { extensions: { code: string } }[] }).errors?.[0]?.extensions.code).not.toBe("QUERY_TOO_COMPLEX");
  });

  it("says which content types are accepted, with a code", async () => {
    const res = await post("{ __typename }", { "content-type": "text/plain" });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe("INVALID_INPUT");
  });
});

describe("introspection", () => {
  const INTROSPECT = JSON.stringify({ query: "{ __schema { queryType { name } } }" });

  it("is on by default, for GraphiQL", async () => {
    const res = await fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: INTROSPECT });
    expect(((await res.json()) as { data: unknown }).data).toEqual({ __schema: { queryType: { name: "Query" } } });
  });

  it("is refused with DOITONG_INTROSPECTION=off, while __typename and real queries still work", async () => {
    const res = await fetch(`${closed.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: INTROSPECT });
    const body = (await res.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors[0]).toMatchObject({ message: expect.stringContaining("DOITONG_INTROSPECTION"), extensions: { code: "INVALID_INPUT" } });
    const typename = await fetch(`${closed.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ __typename }" }) });
    expect(await typename.json()).toEqual({ data: { __typename: "Query" } });
  });
});

describe("API keys", () => {
  it("refuse a key one character off, without saying which check failed", async () => {
    const wrong = apiKey.slice(0, -1) + (apiKey.endsWith("A") ? "B" : "A");
    const res = await post(JSON.stringify({ query: "{ me { plan } }" }), { authorization: `Bearer ${wrong}` });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { errors: { message: string }[] }).errors[0].message).toBe("Invalid or revoked API key");
  });

  it("stop working at once when revoked, however warm the key cache is", async () => {
    const { cookie } = await signedInPerson(server);
    const session = { headers: { cookie, "x-doitong-csrf": "1" } };
    const created = await server.gql<{ createApiKey: { key: string; apiKey: { id: string } } }>(
      `mutation { createApiKey(name: "hot", mode: TEST) { key apiKey { id } } }`,
      {},
      session,
    );
    const { key, apiKey: info } = created.body.data!.createApiKey;
    const me = () => server.gql(`{ __typename me { plan } }`, {}, { apiKey: key });
    for (let i = 0; i < 5; i++) expect((await me()).status).toBe(200);
    const [revoked] = await Promise.all([server.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: info.id }, session), me()]);
    expect(revoked.body.errors).toBeUndefined();
    for (let i = 0; i < 5; i++) expect((await me()).status).toBe(401);
  });
});

describe("signed media URLs over HTTP", () => {
  let url: URL;
  const sign = (key: string, expires: number) => createHmac("sha256", SECRET).update(`${key}\n${expires}`).digest("base64url");
  const keyOf = (u: URL) => decodeURIComponent(u.pathname.replace(/^\/media\//, ""));

  beforeAll(async () => {
    const res = await server.gql<{ generate: { id: string } }>(`mutation { generate(input: { type: IMAGE, input: { text: "signed" } }) { id } }`, {}, { apiKey });
    const done = await waitForGeneration(server, apiKey, res.body.data!.generate.id);
    url = new URL(String(done.url));
  });

  it("serve the file with the signature the API handed out", async () => {
    expect((await fetch(url)).status).toBe(200);
  });

  it("refuse a changed signature, another file's path, and a later expiry", async () => {
    const tampered = new URL(url);
    tampered.searchParams.set("sig", `${url.searchParams.get("sig")!.slice(0, -2)}AA`);
    expect((await fetch(tampered)).status).toBe(403);
    const moved = new URL(url);
    moved.pathname = url.pathname.replace(/^\/media\/[^/]+\//, "/media/acct_someone_else/");
    expect(moved.pathname).not.toBe(url.pathname);
    expect((await fetch(moved)).status).toBe(403);
    const extended = new URL(url);
    extended.searchParams.set("expires", String(Number(url.searchParams.get("expires")) + 86_400));
    expect((await fetch(extended)).status).toBe(403);
  });

  it("refuse a correctly signed link once it has expired", async () => {
    const key = keyOf(url);
    const past = Math.floor(Date.now() / 1000) - 1;
    const expired = new URL(url);
    expired.searchParams.set("expires", String(past));
    expired.searchParams.set("sig", sign(key, past));
    expect((await fetch(expired)).status).toBe(403);
    // The same signing, with a future expiry, is what the server itself makes: the refusal above is the expiry.
    const future = Math.floor(Date.now() / 1000) + 60;
    const fresh = new URL(url);
    fresh.searchParams.set("expires", String(future));
    fresh.searchParams.set("sig", sign(key, future));
    expect((await fetch(fresh)).status).toBe(200);
  });

  it("never serve a file outside the media folder, even with a valid signature for that path", async () => {
    const expires = Math.floor(Date.now() / 1000) + 60;
    for (const key of ["../secret.key", "../../etc/passwd", "..%2fsecret.key"]) {
      const res = await fetch(`${server.url}/media/${key.split("/").map(encodeURIComponent).join("/")}?expires=${expires}&sig=${sign(key, expires)}`);
      expect([403, 404]).toContain(res.status);
      expect(await res.text()).not.toContain(SECRET);
    }
  });
});

/**
 * A POST written chunk by chunk, as a client streams a large body. On a kept-alive connection, as fetch, curl and
 * every common client send it: the server answers a refused body at once and reads the rest to drop it. (A client
 * asking for `Connection: close` gets the answer and then the end of the connection while it is still writing, and
 * whether its HTTP stack reads the answer before the write fails is down to timing: this test failed that way under
 * CI load, even with retries.)
 */
function rawPost(chunks: string[], withLength: boolean): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(server.url);
    const headers: Record<string, string> = { "content-type": "application/json", authorization: `Bearer ${apiKey}` };
    if (withLength) headers["content-length"] = String(chunks.reduce((n, c) => n + Buffer.byteLength(c), 0));
    const agent = new http.Agent({ keepAlive: true });
    let answered = false;
    const req = http.request({ hostname, port, path: "/graphql", method: "POST", headers, agent }, (res) => {
      answered = true;
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (text += d));
      res.on("end", () => {
        agent.destroy(); // the rest of the body is not needed once the answer is in
        resolve({ status: res.statusCode ?? 0, text });
      });
    });
    req.on("error", (error) => (answered ? undefined : reject(error))); // the write cut short by agent.destroy() above
    (async () => {
      for (const chunk of chunks) {
        if (req.destroyed) return;
        if (!req.write(chunk)) await new Promise((r) => (req.once("drain", r), req.once("close", r)));
      }
      req.end();
    })().catch(() => undefined);
  });
}
