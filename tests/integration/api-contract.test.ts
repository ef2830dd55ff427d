import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer, waitForGeneration } from "../helpers/server";

// The API's contract over real HTTP: errors with codes and fields, auth, account scoping, catalog, history.
let server: TestServer;
let alice: { accountId: string; apiKey: string };
let bob: { accountId: string; apiKey: string };

const GENERATE = `mutation($input: GenerateInput!) { generate(input: $input) { id status provider creditCost } }`;
type Err = { message: string; extensions?: Record<string, unknown> };

async function generateError(input: unknown, apiKey = alice.apiKey): Promise<Err> {
  const res = await server.gql(GENERATE, { input }, { apiKey });
  expect(res.body.errors, JSON.stringify(res.body)).toBeDefined();
  return res.body.errors![0];
}

beforeAll(async () => {
  server = await startServer();
  [alice, bob] = await Promise.all([server.createAccount(), server.createAccount()]);
});
afterAll(() => server?.stop());

describe("invalid input names the field", () => {
  it.each([
    ["an unknown provider", { type: "IMAGE", provider: "dall-e-9", input: { text: "x" } }, "provider"],
    ["a provider that cannot make the type", { type: "AUDIO", provider: "kling", input: { text: "x" } }, "provider"],
    ["an option of the wrong type", { type: "VIDEO", input: { text: "x" }, options: { duration: "ten" } }, "options.duration"],
    ["an option out of range", { type: "VIDEO", input: { text: "x" }, options: { duration: 600 } }, "options.duration"],
    ["an option value not allowed", { type: "IMAGE", input: { text: "x" }, options: { aspectRatio: "7:3" } }, "options.aspectRatio"],
    ["an unknown option", { type: "IMAGE", provider: "local", input: { text: "x" }, options: { sharpness: 3 } }, "options.sharpness"],
    ["missing text", { type: "IMAGE", input: {} }, "input.text"],
    ["empty text", { type: "IMAGE", input: { text: "   " } }, "input.text"],
    ["an oversized prompt", { type: "IMAGE", input: { text: "x".repeat(5_001) } }, "input.text"],
    ["a webhook URL that is not http(s)", { type: "IMAGE", input: { text: "x" }, webhookUrl: "ftp://example.com/hook" }, "webhookUrl"],
    ["an unknown type", { type: "HOLOGRAM", input: { text: "x" } }, "type"],
    ["a missing type", { input: { text: "x" } }, "type"],
  ])("rejects %s", async (_, input, field) => {
    const error = await generateError(input);
    expect(error.extensions).toMatchObject({ code: "INVALID_INPUT", field });
  });

  it("charges nothing for rejected input", async () => {
    const me = async () =>
      (await server.gql<{ me: { credits: { balance: number } } }>(`{ me { credits { balance } } }`, {}, { apiKey: alice.apiKey })).body.data!.me.credits.balance;
    const before = await me();
    await generateError({ type: "VIDEO", input: { text: "x" }, options: { duration: "ten" } });
    expect(await me()).toBe(before);
  });
});

describe("authentication", () => {
  it("answers 401 UNAUTHENTICATED without a key", async () => {
    const res = await server.gql(`{ me { plan } }`, {});
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("answers 401 for unknown, malformed and altered keys", async () => {
    const altered = alice.apiKey.slice(0, -1) + (alice.apiKey.endsWith("A") ? "B" : "A");
    for (const key of ["dk_live_" + "A".repeat(32), "not-a-key", altered]) {
      const res = await server.gql(`{ me { plan } }`, {}, { apiKey: key });
      expect(res.status).toBe(401);
      expect(res.body.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    }
  });

  it("lets introspection through without a key (GraphiQL docs)", async () => {
    const res = await server.gql(`{ __schema { queryType { name } } }`, {});
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ __schema: { queryType: { name: "Query" } } });
  });
});

describe("accounts only see their own generations", () => {
  it("answers NOT_FOUND for another account's generation, its cancel, and hides it from history", async () => {
    const res = await server.gql<{ generate: { id: string } }>(
      GENERATE,
      { input: { type: "IMAGE", input: { text: "Alice's" }, options: { resolution: "480p" } } },
      { apiKey: alice.apiKey },
    );
    const id = res.body.data!.generate.id;
    const peek = await server.gql(`query($id: ID!) { generation(id: $id) { id status } }`, { id }, { apiKey: bob.apiKey });
    expect(peek.body.errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND" });
    const cancel = await server.gql(`mutation($id: ID!) { cancelGeneration(id: $id) }`, { id }, { apiKey: bob.apiKey });
    expect(cancel.body.errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND" });
    const history = await server.gql<{ generations: { nodes: { id: string }[] } }>(`{ generations { nodes { id } } }`, {}, { apiKey: bob.apiKey });
    expect(history.body.data!.generations.nodes.map((n) => n.id)).not.toContain(id);
    const done = await waitForGeneration(server, alice.apiKey, id);
    expect(done.status).toBe("COMPLETED");
  });
});

describe("vendors that are not configured", () => {
  it("answers PROVIDER_UNAVAILABLE naming the missing keys, before charging", async () => {
    const error = await generateError({ type: "VIDEO", provider: "minimax", input: { text: "Epic battle scene" }, options: { duration: 10 } });
    expect(error.extensions).toMatchObject({ code: "PROVIDER_UNAVAILABLE", provider: "minimax" });
    expect(error.message).toContain("MINIMAX_API_KEY");
  });

  it("lists every provider of a type with pricing, options and availability", async () => {
    const res = await server.gql<{ providers: { id: string; available: boolean; pricing: { creditCost: number }; options: { name: string; allowedValues: string[] | null }[] }[] }>(
      `query($type: GenerationType!) { providers(type: $type) { id name description features limitations available unavailableReason preview pricing { creditCost estimatedTime } options { name type required description allowedValues } } }`,
      { type: "VIDEO" },
      { apiKey: alice.apiKey },
    );
    const ids = res.body.data!.providers.map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining(["kling", "minimax", "veo", "runway", "luma", "viggle", "seedance", "topview", "local"]));
    const local = res.body.data!.providers.find((p) => p.id === "local")!;
    expect(local.available).toBe(true);
    expect(local.options.find((o) => o.name === "resolution")?.allowedValues).toEqual(["480p", "720p", "1080p"]);
    expect(res.body.data!.providers.find((p) => p.id === "kling")!.available).toBe(false);
  });
});

describe("lifecycle", () => {
  it("cancels a running generation and releases its credits", async () => {
    const me = async () =>
      (await server.gql<{ me: { credits: { balance: number; reserved: number } } }>(`{ me { credits { balance reserved } } }`, {}, { apiKey: bob.apiKey })).body.data!.me.credits;
    const before = await me();
    const res = await server.gql<{ generate: { id: string; creditCost: number } }>(
      GENERATE,
      { input: { type: "VIDEO", input: { text: "A long one" }, options: { duration: 20, resolution: "1080p" } } },
      { apiKey: bob.apiKey },
    );
    const { id } = res.body.data!.generate;
    const cancel = await server.gql<{ cancelGeneration: boolean }>(`mutation($id: ID!) { cancelGeneration(id: $id) }`, { id }, { apiKey: bob.apiKey });
    expect(cancel.body.data).toEqual({ cancelGeneration: true });
    const again = await server.gql<{ cancelGeneration: boolean }>(`mutation($id: ID!) { cancelGeneration(id: $id) }`, { id }, { apiKey: bob.apiKey });
    expect(again.body.data).toEqual({ cancelGeneration: false });
    const g = await waitForGeneration(server, bob.apiKey, id);
    expect(g.status).toBe("CANCELLED");
    expect(g.url).toBeNull();
    expect(await me()).toEqual(before);
  });

  it("pages through history newest first with filters", async () => {
    const key = (await server.createAccount()).apiKey;
    const ids: string[] = [];
    for (const type of ["IMAGE", "AUDIO", "IMAGE"]) {
      const res = await server.gql<{ generate: { id: string } }>(
        GENERATE,
        { input: { type, input: { text: `h ${type}` }, options: type === "IMAGE" ? { resolution: "480p" } : {} } },
        { apiKey: key },
      );
      ids.push(res.body.data!.generate.id);
    }
    const page = `query($after: String, $type: GenerationType) { generations(first: 2, after: $after, type: $type) { nodes { id type } pageInfo { endCursor hasNextPage } } }`;
    type Page = { generations: { nodes: { id: string; type: string }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } };
    const first = (await server.gql<Page>(page, {}, { apiKey: key })).body.data!.generations;
    expect(first.nodes.map((n) => n.id)).toEqual([ids[2], ids[1]]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await server.gql<Page>(page, { after: first.pageInfo.endCursor }, { apiKey: key })).body.data!.generations;
    expect(second.nodes.map((n) => n.id)).toEqual([ids[0]]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const images = (await server.gql<Page>(page, { type: "IMAGE" }, { apiKey: key })).body.data!.generations;
    expect(images.nodes.map((n) => n.id)).toEqual([ids[2], ids[0]]);
  });

  it("estimates without reserving anything", async () => {
    const res = await server.gql<{ estimate: { provider: string; creditCost: number; estimatedTime: number } }>(
      `query($input: GenerateInput!) { estimate(input: $input) { provider creditCost estimatedTime } }`,
      { input: { type: "VIDEO", input: { text: "x" }, options: { duration: 10, resolution: "1080p" } } },
      { apiKey: alice.apiKey },
    );
    expect(res.body.data!.estimate).toMatchObject({ provider: "local", creditCost: 6 });
  });
});

describe("endpoints", () => {
  it("serves the same API at /api/graphql", async () => {
    const res = await server.gql<{ me: { accountId: string } }>(`{ me { accountId } }`, {}, { apiKey: alice.apiKey, path: "/api/graphql" });
    expect(res.body.data!.me.accountId).toBe(alice.accountId);
  });

  it("serves GraphiQL to browsers with everything inlined (works offline)", async () => {
    const res = await fetch(`${server.url}/graphql`, { headers: { accept: "text/html" } });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain("GraphiQL");
    expect(html).not.toMatch(/<script[^>]+src="https?:\/\//);
  });

  it("refuses tampered media links", async () => {
    const res = await server.gql<{ generate: { id: string } }>(
      GENERATE,
      { input: { type: "IMAGE", input: { text: "Signed" }, options: { resolution: "480p" } } },
      { apiKey: alice.apiKey },
    );
    const done = await waitForGeneration(server, alice.apiKey, res.body.data!.generate.id);
    const url = new URL(String(done.url));
    const whole = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect(whole.subarray(1, 4).toString()).toBe("PNG");
    // Browsers seek media with byte ranges.
    const part = await fetch(url, { headers: { range: "bytes=1-3" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 1-3/${whole.length}`);
    expect(await part.text()).toBe("PNG");
    url.searchParams.set("expires", String(Number(url.searchParams.get("expires")) + 3600));
    expect((await fetch(url)).status).toBe(403);
  });
});
