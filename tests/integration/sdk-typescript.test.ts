import path from "node:path";
import { pathToFileURL } from "node:url";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTypescriptSdk } from "../helpers/sdk";
import { startServer, type TestServer } from "../helpers/server";

// The TypeScript SDK (sdk/typescript) as it ships — built with tsc, imported from its dist — against the built app
// over HTTP: what a developer who installs the package sees.
type Sdk = typeof import("../../sdk/typescript/src/index");

let server: TestServer;
let sdk: Sdk;

beforeAll(async () => {
  const [dist, started] = await Promise.all([buildTypescriptSdk(), startServer()]);
  server = started;
  sdk = (await import(pathToFileURL(path.join(dist, "index.js")).href)) as Sdk;
});
afterAll(() => server?.stop());

const IMAGE = { type: "IMAGE" as const, provider: "local", input: { text: "A lighthouse at dawn" } };
// Long enough to be cancelled or watched for several progress events (events-sse.test.ts measures the same clip).
const SLOW_VIDEO = { type: "VIDEO" as const, provider: "local", input: { text: "Progress you can watch" }, options: { duration: 16, resolution: "1080p", fps: 24 } };

/** The global fetch, recording what the SDK asked for. */
function recordingFetch() {
  const calls: { body: string; accept: string | null; idempotencyKey: string | null; status: number; replayed: string | null }[] = [];
  const recorded: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const headers = new Headers(init?.headers);
    calls.push({
      body: typeof init?.body === "string" ? init.body : "",
      accept: headers.get("accept"),
      idempotencyKey: headers.get("idempotency-key"),
      status: response.status,
      replayed: response.headers.get("idempotent-replayed"),
    });
    return response;
  };
  return { calls, fetch: recorded };
}

async function count<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe("TypeScript SDK: generate and wait", () => {
  it("generates an image and follows it over SSE to COMPLETED, reporting progress", async () => {
    const { apiKey } = await server.createAccount();
    const { calls, fetch } = recordingFetch();
    const client = new sdk.Doitong({ apiKey, baseUrl: server.url, fetch });
    const started = await client.generate(IMAGE);
    expect(started.id).toMatch(/^gen_/);
    expect(["QUEUED", "PROCESSING"]).toContain(started.status);
    const seen: string[] = [];
    const done = await client.wait(started.id, { onProgress: (g) => seen.push(`${g.status}:${g.progress}`) });
    expect(done.status).toBe("COMPLETED");
    expect(done.url).toMatch(/^https?:\/\//);
    expect(done.metadata?.mimeType).toBe("image/png");
    expect(seen.at(-1)).toBe("COMPLETED:100");
    // It listened to the subscription rather than polling.
    expect(calls.some((c) => c.accept === "text/event-stream" && c.body.includes("generationUpdated"))).toBe(true);
    expect(calls.filter((c) => c.body.includes("query GetGeneration")).length).toBeLessThanOrEqual(1);
    const file = await fetch(done.url!);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect((await sharp(bytes).metadata()).width).toBe(done.metadata?.width);
  });

  it("falls back to polling when the event stream is not available", async () => {
    const { apiKey } = await server.createAccount();
    const gets: string[] = [];
    // A proxy that refuses streaming (some corporate gateways do): every text/event-stream request gets a 502 page.
    const noStreams: typeof fetch = async (input, init) => {
      if (new Headers(init?.headers).get("accept") === "text/event-stream") return new Response("<html>Bad gateway</html>", { status: 502 });
      if (typeof init?.body === "string" && init.body.includes("query GetGeneration")) gets.push(init.body);
      return fetch(input, init);
    };
    const client = new sdk.Doitong({ apiKey, baseUrl: server.url, fetch: noStreams });
    const started = await client.generate(IMAGE);
    const statuses: string[] = [];
    const done = await client.wait(started.id, { onProgress: (g) => statuses.push(g.status), pollInterval: 0.2 });
    expect(done.status).toBe("COMPLETED");
    expect(gets.length).toBeGreaterThan(0);
    expect(statuses.at(-1)).toBe("COMPLETED");
  });

  it("stops waiting when the signal aborts", async () => {
    const { apiKey } = await server.createAccount();
    const client = new sdk.Doitong({ apiKey, baseUrl: server.url });
    const started = await client.generate(SLOW_VIDEO);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("stop waiting")), 500);
    await expect(client.wait(started.id, { signal: controller.signal })).rejects.toThrow("stop waiting");
    expect(await client.cancel(started.id)).toBe(true);
  });
});

describe("TypeScript SDK: retries never generate twice", () => {
  for (const failure of [
    {
      name: "a 429 with Retry-After",
      response: () =>
        new Response(JSON.stringify({ errors: [{ message: "Too many requests", extensions: { code: "RATE_LIMIT" } }] }), {
          status: 429,
          headers: { "retry-after": "1", "content-type": "application/json" },
        }),
    },
    { name: "a 502 from a gateway", response: () => new Response("<html>Bad gateway</html>", { status: 502 }) },
  ]) {
    it(`retries after ${failure.name} that came after the server had accepted it, with the same Idempotency-Key, and one generation exists`, async () => {
      const { apiKey } = await server.createAccount();
      const { calls, fetch: recorded } = recordingFetch();
      let swallowed = 0;
      // The gateway forwards the first generate to the server, then loses its answer and says `failure` instead.
      const gateway: typeof fetch = async (input, init) => {
        const response = await recorded(input, init);
        if (swallowed === 0 && typeof init?.body === "string" && init.body.includes("mutation Generate")) {
          swallowed++;
          await response.arrayBuffer();
          return failure.response();
        }
        return response;
      };
      const client = new sdk.Doitong({ apiKey, baseUrl: server.url, fetch: gateway });
      const started = Date.now();
      const generation = await client.generate(IMAGE);
      const generates = calls.filter((c) => c.body.includes("mutation Generate"));
      expect(generates).toHaveLength(2);
      expect(generates[0].idempotencyKey).toBeTruthy();
      expect(generates[1].idempotencyKey).toBe(generates[0].idempotencyKey);
      expect(generates[1].replayed).toBe("true");
      if (failure.name.includes("Retry-After")) expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
      const all = await count(client.generations());
      expect(all.map((g) => g.id)).toEqual([generation.id]);
      expect((await client.wait(generation.id)).status).toBe("COMPLETED");
    });
  }

  it("says RATE_LIMIT as a RateLimitError with retryAfter once the retries are spent", async () => {
    const { apiKey } = await server.createAccount({ plan: "FREE", credits: 100 });
    const client = new sdk.Doitong({ apiKey, baseUrl: server.url, maxRetries: 0 });
    // Free: 10 requests a minute.
    for (let i = 0; i < 10; i++) await client.me();
    const error = await client.generate(IMAGE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(sdk.RateLimitError);
    const limited = error as InstanceType<Sdk["RateLimitError"]>;
    expect(limited.code).toBe("RATE_LIMIT");
    expect(limited.status).toBe(429);
    expect(limited.retryAfter).toBeGreaterThan(0);
    expect(limited.requestId).toMatch(/^req_/);
  });

  it("sends the caller's own idempotency key, and the same key twice is the same generation", async () => {
    const { apiKey } = await server.createAccount();
    const client = new sdk.Doitong({ apiKey, baseUrl: server.url });
    const a = await client.generate(IMAGE, { idempotencyKey: "order-42" });
    const b = await client.generate(IMAGE, { idempotencyKey: "order-42" });
    expect(b.id).toBe(a.id);
    const conflict = await client.generate({ ...IMAGE, input: { text: "Something else" } }, { idempotencyKey: "order-42" }).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(sdk.IdempotencyConflictError);
  });
});

describe("TypeScript SDK: the other operations", () => {
  it("estimates, lists providers, cancels, iterates generations and the ledger across pages, reads the balance", async () => {
    const { apiKey } = await server.createAccount({ credits: 1_000 });
    const client = new sdk.Doitong({ apiKey, baseUrl: server.url });
    const estimate = await client.estimate(IMAGE);
    expect(estimate.provider).toBe("local");
    expect(estimate.creditCost).toBeGreaterThanOrEqual(0);
    const providers = await client.providers("IMAGE");
    expect(providers.map((p) => p.id)).toContain("local");
    expect(providers.find((p) => p.id === "local")?.options.length).toBeGreaterThan(0);

    const slow = await client.generate(SLOW_VIDEO);
    expect(await client.cancel(slow.id)).toBe(true);
    expect((await client.wait(slow.id)).status).toBe("CANCELLED");
    expect(await client.cancel(slow.id)).toBe(false);

    const images = [await client.generate(IMAGE), await client.generate(IMAGE)];
    for (const image of images) await client.wait(image.id);
    const all = await count(client.generations({}, { pageSize: 2 }));
    expect(all.map((g) => g.id).sort()).toEqual([slow.id, ...images.map((g) => g.id)].sort());
    expect((await count(client.generations({ status: "CANCELLED" }))).map((g) => g.id)).toEqual([slow.id]);

    const ledger = await count(client.creditLedger({ pageSize: 2 }));
    expect(ledger.length).toBeGreaterThan(2);
    expect(new Set(ledger.map((e) => e.id)).size).toBe(ledger.length);
    const me = await client.me();
    expect(me.credits.balance).toBe(ledger[0].balanceAfter);
  });

  it("uploads a file (createUpload + PUT) and uses it as an input", async () => {
    const { apiKey } = await server.createAccount();
    const client = new sdk.Doitong({ apiKey, baseUrl: server.url });
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#3366cc" } })
      .png()
      .toBuffer();
    const upload = await client.uploads.create(new Uint8Array(png));
    expect(upload.id).toMatch(/^upload_/);
    expect(upload.status).toBe("READY");
    expect(upload.mimeType).toBe("image/png");
    expect(upload.size).toBe(png.length);
    const video = await client.generate({ type: "VIDEO", provider: "local", input: { text: "From my upload", image: upload.id }, options: { duration: 2 } });
    expect((await client.wait(video.id)).status).toBe("COMPLETED");
  });

  it("throws errors as classes with code, field and requestId", async () => {
    const { apiKey } = await server.createAccount();
    const client = new sdk.Doitong({ apiKey, baseUrl: server.url });
    const invalid = await client.generate({ ...IMAGE, provider: "no-such-provider" }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(sdk.InvalidInputError);
    expect(invalid).toMatchObject({ code: "INVALID_INPUT", field: "provider" });
    expect((invalid as Error & { requestId: string }).requestId).toMatch(/^req_/);

    const missing = await client.generation("gen_doesnotexist").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(sdk.NotFoundError);

    const unauthenticated = await new sdk.Doitong({ apiKey: "dk_live_wrong", baseUrl: server.url }).me().catch((e: unknown) => e);
    expect(unauthenticated).toBeInstanceOf(sdk.AuthenticationError);
    expect(unauthenticated).toMatchObject({ code: "UNAUTHENTICATED", status: 401 });
    expect(unauthenticated).toBeInstanceOf(sdk.DoitongError);

    const poor = await server.createAccount({ credits: 0 });
    const broke = await new sdk.Doitong({ apiKey: poor.apiKey, baseUrl: server.url }).generate({ ...SLOW_VIDEO }).catch((e: unknown) => e);
    expect(broke).toBeInstanceOf(sdk.InsufficientCreditsError);

    const unreachable = await new sdk.Doitong({ apiKey, baseUrl: "http://127.0.0.1:9", maxRetries: 1, maxRetryDelay: 0.05 }).me().catch((e: unknown) => e);
    expect(unreachable).toBeInstanceOf(sdk.ConnectionError);
  });
});
