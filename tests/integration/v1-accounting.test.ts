import OpenAI, { ConflictError, RateLimitError } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UNIFIED_OPTIONS } from "@/lib/providers/unified/vocabulary";
import { download } from "../helpers/media";
import { startServer, type TestServer } from "../helpers/server";

// Credits, limits and idempotency through /v1 behave as they do on GraphQL: the same verbs underneath. Live keys
// on the local preview provider, which needs no vendor credentials and costs 1 credit an image.
let server: TestServer;

beforeAll(async () => {
  server = await startServer();
}, 120_000);
afterAll(() => server?.stop());

const openai = (apiKey: string) => new OpenAI({ apiKey, baseURL: `${server.url}/v1`, maxRetries: 0 });
const ME = `{ me { credits { balance reserved } } }`;
const balance = async (apiKey: string) => (await server.gql<{ me: { credits: { balance: number; reserved: number } } }>(ME, {}, { apiKey })).body.data!.me.credits;

describe("/v1 credits, limits and idempotency", () => {
  it("charges the generation's cost once it completes, and refuses with OpenAI's insufficient_quota when the balance is short", async () => {
    const { apiKey } = await server.createAccount({ credits: 1 });
    const res = await openai(apiKey).images.generate({ model: "local", prompt: "A tin robot" });
    expect(res.data).toHaveLength(1);
    expect(await balance(apiKey)).toEqual({ balance: 0, reserved: 0 });
    const error = await openai(apiKey)
      .images.generate({ model: "local", prompt: "Another tin robot" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: "INSUFFICIENT_CREDITS", type: "insufficient_quota" });
    expect((error as RateLimitError).headers.get("x-should-retry")).toBe("false");
  }, 120_000);

  it("counts /v1 requests against the per-minute limit, with the same headers, and answers RateLimitError with Retry-After past it", async () => {
    const { apiKey, accountId } = await server.createAccount({ credits: 10 });
    // Through the admin command (a process of its own): its set-limits path is tested here, the other files use lib/.
    await server.admin("set-limits", "--account", accountId, "--rpm", "2");
    const first = await fetch(`${server.url}/v1/models`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(first.status).toBe(200);
    expect(first.headers.get("x-ratelimit-limit")).toBe("2");
    expect(first.headers.get("x-ratelimit-remaining")).toBe("1");
    await openai(apiKey).models.list();
    const error = await openai(apiKey)
      .models.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: "RATE_LIMIT", type: "requests" });
    expect(Number((error as RateLimitError).headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("replays the same Idempotency-Key with the same generation and one charge; another request under it is a ConflictError", async () => {
    const { apiKey } = await server.createAccount({ credits: 10 });
    const client = openai(apiKey);
    const raw = await client.images.generate({ model: "local", prompt: "A brass key" }, { headers: { "Idempotency-Key": "same-key-1" } }).withResponse();
    const again = await client.images.generate({ model: "local", prompt: "A brass key" }, { headers: { "Idempotency-Key": "same-key-1" } }).withResponse();
    const id = (raw.data as unknown as { generation_id: string }).generation_id;
    expect((again.data as unknown as { generation_id: string }).generation_id).toBe(id);
    expect(again.response.headers.get("idempotent-replayed")).toBe("true");
    expect(await balance(apiKey)).toEqual({ balance: 9, reserved: 0 });
    const conflict = await client.images.generate({ model: "local", prompt: "A silver key" }, { headers: { "Idempotency-Key": "same-key-1" } }).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(ConflictError);
    expect(conflict).toMatchObject({ code: "IDEMPOTENCY_CONFLICT" });
  }, 120_000);

  const multiple = UNIFIED_OPTIONS.IMAGE.some((o) => o.name === "numOutputs");
  it.skipIf(!multiple)(
    "n=2 answers two images (the unified numOutputs)",
    async () => {
      const { apiKey } = await server.createAccount({ credits: 10 });
      const res = await openai(apiKey).images.generate({ model: "local", prompt: "Two cats", n: 2 });
      expect(res.data).toHaveLength(2);
      for (const image of res.data!) expect((await download(image.url!)).type).toMatch(/^image\//);
    },
    120_000,
  );

  it("answers a timeout naming the generation when the result takes longer than the synchronous wait", async () => {
    const slow = await startServer({ DOITONG_V1_WAIT_SECONDS: "1", DOITONG_SANDBOX_TASK_MS: "5000" });
    try {
      const { apiKey } = await slow.createAccount({ credits: 10, keyMode: "test" });
      // flux-pro is an asynchronous task on the fake, so DOITONG_SANDBOX_TASK_MS holds it (Gemini answers at once).
      const error = await new OpenAI({ apiKey, baseURL: `${slow.url}/v1`, maxRetries: 0 }).images.generate({ model: "flux-pro", prompt: "Slow" }).catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 504, code: "WAIT_TIMEOUT" });
      const body = (error as { error: { generation_id?: string } }).error;
      expect(body.generation_id).toMatch(/^gen_/);
    } finally {
      await slow.stop();
    }
  }, 120_000);
});
