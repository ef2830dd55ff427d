import sharp from "sharp";
import { firstRates } from "@/tests/helpers/first-prices";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "@/lib/media/probe";
import type { VendorResponse } from "@/lib/providers/http/vendor-request";
import { minimaxAdapter } from "@/lib/providers/minimax/adapter";
import { minimaxError } from "@/lib/providers/minimax/client";
import type { MinimaxFake } from "@/lib/providers/minimax/fake";
import { minimaxCost, reconcileMinimax, toMinimaxRequest } from "@/lib/providers/minimax/transform";
import type { GenerationJob } from "@/lib/providers/types";
import { cleanupWorkDirs, runAdapter, startCallbackReceiver, startVendorFake, testJob, type VendorHarness, vendorContext } from "../helpers/vendor";

let vendor: VendorHarness;
let portrait: Buffer;
let landscape: Buffer;

beforeAll(async () => {
  vendor = await startVendorFake(minimaxAdapter);
  portrait = await sharp({ create: { width: 36, height: 64, channels: 3, background: "#2288aa" } })
    .png()
    .toBuffer();
  landscape = await sharp({ create: { width: 64, height: 36, channels: 3, background: "#aa8822" } })
    .png()
    .toBuffer();
});
afterAll(async () => {
  await vendor.close();
  await cleanupWorkDirs();
});

const fake = () => vendor.fake as MinimaxFake;
const job = (text: string, options: Record<string, string | number | boolean> = {}, input: Partial<GenerationJob["input"]> = {}) =>
  testJob("VIDEO", text, { model: "hailuo-02", duration: 6, resolution: "768p", promptOptimizer: true, ...options }, input);
const run = (j: GenerationJob, timeScale?: number) => runAdapter(minimaxAdapter, j, { baseUrl: vendor.url, timeScale });
const submits = (j?: GenerationJob) => vendor.fake.requests.filter((r) => r.method === "POST" && r.path === "/v1/video_generation" && (!j || JSON.parse(r.body).prompt === j.text));
const retrieves = (fileId?: string) => vendor.fake.requests.filter((r) => r.path === "/v1/files/retrieve" && (!fileId || r.query.file_id === fileId));

describe("MiniMax transform", () => {
  it.each([
    [{}, { model: "MiniMax-Hailuo-02", duration: 6, resolution: "768P", prompt_optimizer: true }],
    [
      { duration: 10, resolution: "768p", promptOptimizer: false },
      { duration: 10, resolution: "768P", prompt_optimizer: false },
    ],
    [{ resolution: "1080p" }, { resolution: "1080P" }],
    [{ model: "hailuo-2.3" }, { model: "MiniMax-Hailuo-2.3" }],
    [{ model: "hailuo-2.3-fast" }, { model: "MiniMax-Hailuo-2.3-Fast" }],
  ])("options %j → %j", (options, expected) => {
    const body = toMinimaxRequest(job("a fox", options), {});
    expect(body).toMatchObject({ ...expected, prompt: "a fox" });
    expect(body).not.toHaveProperty("callback_url");
  });

  it("sends a last frame only where MiniMax takes one (Hailuo-02, not 512p)", () => {
    const input = { image: "https://e.x/a.png", endImage: "https://e.x/b.png" };
    const frames = { first: input.image, last: input.endImage };
    expect(toMinimaxRequest(job("x", {}, input), frames)).toMatchObject({ first_frame_image: input.image, last_frame_image: input.endImage });
    expect(toMinimaxRequest(job("x", { model: "hailuo-2.3" }, input), frames)).not.toHaveProperty("last_frame_image");
    expect(toMinimaxRequest(job("x", { resolution: "512p" }, input), frames)).not.toHaveProperty("last_frame_image");
    expect(toMinimaxRequest(job("x"), {}, "https://cb.example/m").callback_url).toBe("https://cb.example/m");
    expect(toMinimaxRequest(job("y".repeat(2500)), {}).prompt).toHaveLength(2000);
  });

  it.each([
    ["1080p is 6 s only", { resolution: "1080p", duration: 10 }, {}, { resolution: "768p" }, /1080p only at 6 s/],
    ["512p is image-to-video only", { resolution: "512p" }, {}, { resolution: "768p" }, /512p is only for Hailuo-02 from an image/],
    ["512p is a Hailuo-02 size", { model: "hailuo-2.3", resolution: "512p" }, { image: "x" }, { resolution: "768p" }, /512p is only for Hailuo-02/],
    ["2.3-Fast needs an image", { model: "hailuo-2.3-fast" }, {}, { model: "hailuo-2.3" }, /only animates an image/],
    ["a last frame is not taken at 512p", { resolution: "512p" }, { image: "x", endImage: "y" }, { resolution: "768p" }, /last frame only at 768p or 1080p/],
    ["only Hailuo-02 takes a last frame", { model: "hailuo-2.3" }, { image: "x", endImage: "y" }, {}, /only hailuo-02 takes a last frame/],
    ["a last frame needs a first frame", {}, { endImage: "y" }, {}, /needs input.image/],
  ])("reconcile: %s", (_, options, input, applied, warning) => {
    const r = reconcileMinimax({ model: "hailuo-02", duration: 6, resolution: "768p", promptOptimizer: true, ...options }, input);
    expect(r.applied).toMatchObject(applied);
    expect(r.warnings).toEqual([expect.stringMatching(warning)]);
  });

  it("keeps what MiniMax can do as asked", () => {
    expect(reconcileMinimax({ model: "hailuo-02", duration: 10, resolution: "512p" }, { image: "x" }).warnings).toEqual([]);
    expect(reconcileMinimax({ model: "hailuo-02", duration: 6, resolution: "1080p" }, {}).warnings).toEqual([]);
  });

  it.each([
    [{ model: "hailuo-02", resolution: "512p", duration: 6 }, 10],
    [{ model: "hailuo-02", resolution: "512p", duration: 10 }, 15],
    [{ model: "hailuo-02", resolution: "768p", duration: 6 }, 28],
    [{ model: "hailuo-02", resolution: "768p", duration: 10 }, 56],
    [{ model: "hailuo-02", resolution: "1080p", duration: 6 }, 49],
    [{ model: "hailuo-2.3-fast", resolution: "768p", duration: 10 }, 32],
    [{ model: "hailuo-2.3-fast", resolution: "1080p", duration: 6 }, 33],
  ])("price %j → %i credits", (options, credits) => expect(minimaxCost(firstRates("minimax", "VIDEO"), options)).toBe(credits));
});

const response = (status: number, body: unknown): VendorResponse => {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return { status, ok: status < 300, headers: new Headers(), bytes: Buffer.from(text), text: () => text, json: <T>() => JSON.parse(text) as T };
};

describe("MiniMax error table (base_resp, inside HTTP 200)", () => {
  it.each([
    [1002, "PROVIDER_UNAVAILABLE", true, /rate limiting/],
    [1039, "PROVIDER_UNAVAILABLE", true, /rate limiting/],
    [1041, "PROVIDER_UNAVAILABLE", true, /rate limiting/],
    [1013, "PROVIDER_UNAVAILABLE", true, /unavailable/],
    [1004, "PROVIDER_UNAVAILABLE", false, /API key/],
    [2049, "PROVIDER_UNAVAILABLE", false, /API key/],
    [1008, "PROVIDER_UNAVAILABLE", false, /insufficient balance/],
    [1026, "GENERATION_FAILED", false, /moderation blocked the prompt/],
    [1027, "GENERATION_FAILED", false, /moderation blocked the generated video/],
    [2013, "INVALID_INPUT", false, /rejected/],
  ])("status_code %i → %s (retryable %s)", (code, ours, retryable, message) => {
    const error = minimaxError(response(200, { task_id: "", base_resp: { status_code: code, status_msg: "vendor words" } }))!;
    expect(error).toMatchObject({ code: ours, retryable, message: expect.stringMatching(message), details: expect.objectContaining({ vendorCode: code }) });
    expect(error.message).toContain("vendor words");
  });

  it("passes success and a polled Fail (the poller explains it), and maps plain HTTP errors", () => {
    expect(minimaxError(response(200, { task_id: "1", base_resp: { status_code: 0, status_msg: "success" } }))).toBeUndefined();
    expect(minimaxError(response(200, { status: "Fail", base_resp: { status_code: 1027, status_msg: "x" } }))).toBeUndefined();
    expect(minimaxError(response(502, "<html>Bad Gateway</html>"))).toMatchObject({ code: "PROVIDER_UNAVAILABLE", retryable: true });
  });
});

describe("MiniMax adapter against the fake", () => {
  it("text-to-video: bearer key, MiniMax's fields and types, query → file retrieve → a real 6 s clip", async () => {
    const j = job("a lighthouse in a storm [Pan left]");
    const out = await run(j);
    const submit = submits(j)[0];
    expect(submit.headers.authorization).toBe("Bearer sandbox-minimax-api-key");
    expect(JSON.parse(submit.body)).toEqual({ model: "MiniMax-Hailuo-02", prompt: j.text, duration: 6, resolution: "768P", prompt_optimizer: true });
    expect(vendor.fake.last("GET", "/v1/query/video_generation")!.query).toEqual({ task_id: out.task!.id });
    expect(retrieves().at(-1)!.query.file_id).toMatch(/^\d+$/);
    const info = await probeMedia(out.file);
    expect(info).toMatchObject({ format: "mp4", width: 480, height: 270 });
    expect(info.duration).toBeCloseTo(6, 0);
  });

  it("image-to-video: data URIs re-typed from their bytes, a last frame, 10 s, and the clip follows the first frame", async () => {
    // The client's prefix says JPEG, the bytes are PNG: MiniMax gets the truth.
    const first = `data:image/jpeg;base64,${portrait.toString("base64")}`;
    const last = `data:image/png;base64,${landscape.toString("base64")}`;
    const j = job("the tide comes in", { duration: 10 }, { image: first, endImage: last });
    const out = await run(j);
    const body = JSON.parse(submits(j)[0].body);
    expect(body).toMatchObject({ duration: 10, resolution: "768P", first_frame_image: `data:image/png;base64,${portrait.toString("base64")}`, last_frame_image: last });
    const info = await probeMedia(out.file);
    expect(info).toMatchObject({ format: "mp4", width: 270, height: 480 });
    expect(info.duration).toBeCloseTo(10, 0);
  });

  it("passes an image URL through for MiniMax to fetch", async () => {
    const j = job("from a link", { model: "hailuo-2.3-fast" }, { image: "https://images.example.com/cat.png" });
    await run(j);
    expect(JSON.parse(submits(j)[0].body)).toMatchObject({ model: "MiniMax-Hailuo-2.3-Fast", first_frame_image: "https://images.example.com/cat.png" });
  });

  it("maps a wrong key (HTTP 200, code 2049) to PROVIDER_UNAVAILABLE without retrying", async () => {
    const j = job("who am i");
    const error = await runAdapter(minimaxAdapter, j, { baseUrl: vendor.url, credentials: { MINIMAX_API_KEY: "wrong" } }).catch((e) => e);
    expect(error).toMatchObject({ code: "PROVIDER_UNAVAILABLE", retryable: false, details: expect.objectContaining({ status: 200, vendorCode: 2049 }) });
    expect(submits(j)).toHaveLength(1);
  });

  it("maps bad parameters (code 2013) to INVALID_INPUT without retrying", async () => {
    const j = job("bad [sandbox:invalid]");
    await expect(run(j)).rejects.toMatchObject({ code: "INVALID_INPUT", details: expect.objectContaining({ vendorCode: 2013 }) });
    expect(submits(j)).toHaveLength(1);
  });

  it("retries a rate limit (code 1002 in HTTP 200) and then succeeds with exactly one task", async () => {
    const j = job("busy hour [sandbox:rate_limit_once]");
    const before = vendor.fake.requests.length;
    const out = await run(j);
    expect(submits(j)).toHaveLength(2);
    const polled = new Set(
      vendor.fake.requests
        .slice(before)
        .filter((r) => r.path === "/v1/query/video_generation")
        .map((r) => r.query.task_id),
    );
    expect(polled).toEqual(new Set([out.task!.id]));
    expect((await probeMedia(out.file)).format).toBe("mp4");
  });

  it("gives up on a persistent rate limit, and on an outage, as PROVIDER_UNAVAILABLE", async () => {
    await expect(run(job("always busy [sandbox:rate_limit]"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", details: expect.objectContaining({ vendorCode: 1002 }) });
    await expect(run(job("down [sandbox:outage]"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", accepted: false });
  });

  it("treats a non-JSON answer as PROVIDER_UNAVAILABLE", async () => {
    await expect(run(job("garbage [sandbox:malformed]"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", message: expect.stringContaining("malformed") });
  });

  it("reports output moderation (Fail with 1027) and a plain Fail as GENERATION_FAILED", async () => {
    await expect(run(job("forbidden [sandbox:moderation]"))).rejects.toMatchObject({
      code: "GENERATION_FAILED",
      accepted: true,
      message: expect.stringContaining("moderation blocked the generated video"),
      details: expect.objectContaining({ vendorCode: 1027 }),
    });
    await expect(run(job("unlucky [sandbox:fail]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("failed") });
  });

  it("fails a task MiniMax no longer knows (code 2013 on the query) as GENERATION_FAILED", async () => {
    const j = job("lost");
    const ctx = {
      signal: new AbortController().signal,
      workDir: "/nonexistent",
      onProgress: () => undefined,
      vendor: vendorContext(j, { baseUrl: vendor.url }),
      waitForCallback: async () => undefined,
    };
    await expect(minimaxAdapter.follow!(j, { id: "123" }, ctx)).rejects.toMatchObject({
      code: "GENERATION_FAILED",
      message: expect.stringContaining("no longer knows this task"),
      details: expect.objectContaining({ vendorCode: 2013 }),
    });
  });

  it("abandons a task that never finishes as GENERATION_FAILED (MiniMax has no cancel)", async () => {
    await expect(run(job("forever [sandbox:timeout]"), 1 / 2000)).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("did not finish") });
  });

  it("asks for a fresh link once when the download link has expired, and fails clearly if that one has too", async () => {
    const error = await run(job("too late [sandbox:expired_url]")).catch((e) => e);
    expect(error).toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("expired") });
    const fileId = retrieves().at(-1)!.query.file_id;
    expect(retrieves(fileId)).toHaveLength(2);
  });

  it("recovers when only the first link had expired", async () => {
    fake().expireNextLinks = 1;
    const out = await run(job("refreshed link"));
    const fileId = retrieves().at(-1)!.query.file_id;
    expect(retrieves(fileId)).toHaveLength(2);
    expect((await probeMedia(out.file)).format).toBe("mp4");
  });

  it("echoes MiniMax's challenge, then wakes on its status callbacks instead of waiting out the 10 s poll", async () => {
    const j = job("called back");
    const receiver = await startCallbackReceiver<Record<string, unknown>>(minimaxAdapter, j, { baseUrl: vendor.url });
    try {
      const started = Date.now();
      const out = await runAdapter(minimaxAdapter, j, { baseUrl: vendor.url, timeScale: 1, callbackUrl: receiver.url });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(JSON.parse(submits(j)[0].body).callback_url).toBe(receiver.url);
      const bodies = receiver.calls.map((c) => c.body); // every callback POSTed, accepted or not
      expect(bodies[0]).toEqual({ challenge: expect.stringMatching(/^[0-9a-f]{32}$/) });
      expect(bodies.slice(1).map((b) => b.status)).toEqual(expect.arrayContaining(["processing", "success"]));
      expect(bodies.at(-1)).toMatchObject({ task_id: out.task!.id, status: "success", file_id: expect.stringMatching(/^\d+$/) });
      expect((await probeMedia(out.file)).format).toBe("mp4");
    } finally {
      await receiver.close();
    }
  });

  it("answers the challenge with the same value", async () => {
    const outcome = await minimaxAdapter.receiveCallback!(
      { headers: new Headers(), body: '{"challenge":"abc123"}', query: new URLSearchParams() },
      vendorContext(job("x"), { baseUrl: vendor.url }),
    );
    expect(outcome).toEqual({ authentic: true, reply: { status: 200, json: { challenge: "abc123" } } });
    const status = await minimaxAdapter.receiveCallback!(
      { headers: new Headers(), body: '{"task_id":"1","status":"success"}', query: new URLSearchParams() },
      vendorContext(job("x"), { baseUrl: vendor.url }),
    );
    expect(status).toEqual({ authentic: true });
  });
});
