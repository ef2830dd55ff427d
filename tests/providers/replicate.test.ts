import fs from "node:fs";
import { Webhook } from "standardwebhooks";
import { fluxFast } from "@/lib/providers/catalog/replicate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "@/lib/media/probe";
import { fluxFastAdapter } from "@/lib/providers/replicate/adapter";
import { replicateWebhookSecret } from "@/lib/providers/replicate/client";
import { firstOutput, type Prediction, predictionOutcome, progressFromLogs, toFluxFastRequest } from "@/lib/providers/replicate/transform";
import type { GenerationJob } from "@/lib/providers/types";
import { cleanupWorkDirs, runAdapter, startCallbackReceiver, startVendorFake, testJob, vendorContext, type RunOptions, type VendorHarness } from "../helpers/vendor";

const TOKEN = "sandbox-replicate-api-token";
const PATH = "/v1/models/prunaai/flux-fast/predictions";
let vendor: VendorHarness;
let webhookSecret: string;

beforeAll(async () => {
  vendor = await startVendorFake(fluxFastAdapter);
  // What an operator does once: read the account's signing secret and set REPLICATE_WEBHOOK_SECRET.
  webhookSecret = (await fetch(`${vendor.url}/v1/webhooks/default/secret`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.json())).key;
});
afterAll(async () => {
  await vendor.close();
  await cleanupWorkDirs();
});

const job = (text: string, options: Record<string, string | number> = {}) => testJob("IMAGE", text, { aspectRatio: "1:1", quality: "balanced", format: "jpeg", ...options });
// 1/50: polls every 20 ms and a 6 s limit, room for a busy machine.
const run = (j: GenerationJob, extra: Partial<RunOptions> = {}) => runAdapter(fluxFastAdapter, j, { baseUrl: vendor.url, timeScale: 1 / 50, ...extra });
const submits = () => vendor.fake.requests.filter((r) => r.method === "POST" && r.path === PATH).length;

describe("Replicate flux-fast transform", () => {
  it.each([
    ["instant", "Blink of an eye 👁️"],
    ["fast", "Extra Juiced 🔥 (more speed)"],
    ["balanced", "Juiced 🔥 (default)"],
    ["high", "Lightly Juiced 🍊 (more consistent)"],
  ])("quality %s → speed_mode %s", (quality, speedMode) => {
    expect(toFluxFastRequest(job("x", { quality })).input.speed_mode).toBe(speedMode);
  });

  it("every quality maps to a speed_mode of the model's published enum, byte for byte, and the ratios and formats too", () => {
    const schema = JSON.parse(fs.readFileSync("tests/fixtures/vendors/replicate/flux-fast-input.json", "utf8")) as { input: { properties: Record<string, { enum?: string[] }> } };
    const enumOf = (field: string) => schema.input.properties[field].enum ?? [];
    const quality = fluxFast.models.IMAGE!.options.find((o) => o.name === "quality")!;
    for (const value of quality.allowedValues ?? []) {
      const sent = toFluxFastRequest(job("x", { quality: value })).input.speed_mode;
      expect(
        enumOf("speed_mode").map((v) => Buffer.from(v).toString("hex")),
        `${value} → ${sent}`,
      ).toContain(Buffer.from(sent).toString("hex"));
    }
    for (const ratio of fluxFast.models.IMAGE!.options.find((o) => o.name === "aspectRatio")!.allowedValues ?? []) {
      expect(enumOf("aspect_ratio")).toContain(toFluxFastRequest(job("x", { aspectRatio: ratio })).input.aspect_ratio);
    }
    for (const format of ["jpeg", "png", "webp"]) expect(enumOf("output_format")).toContain(toFluxFastRequest(job("x", { format })).input.output_format);
    // Only fields the schema has are sent.
    expect(Object.keys(toFluxFastRequest(job("x", { seed: 1 })).input).filter((k) => !(k in schema.input.properties))).toEqual([]);
  });

  it.each([
    [{ format: "jpeg" }, { output_format: "jpg" }],
    [{ format: "png" }, { output_format: "png" }],
    [{ format: "webp" }, { output_format: "webp" }],
    [{ aspectRatio: "21:9" }, { aspect_ratio: "21:9" }],
    [
      { aspectRatio: "4:5", seed: 5 },
      { aspect_ratio: "4:5", seed: 5 },
    ],
  ])("%j → input %j", (options, wire) => {
    expect(toFluxFastRequest(job("a kite", options)).input).toMatchObject({ prompt: "a kite", ...wire });
  });

  it("asks for the completed webhook only when given a URL", () => {
    expect(toFluxFastRequest(job("x"), "https://cb.example/r")).toMatchObject({ webhook: "https://cb.example/r", webhook_events_filter: ["completed"] });
    expect(toFluxFastRequest(job("x"))).not.toHaveProperty("webhook");
  });

  it.each([
    [{ status: "starting" }, { kind: "pending", progress: 0 }],
    [
      { status: "processing", logs: "  0%|  | 0/4\n 50%|██| 2/4" },
      { kind: "pending", progress: 50 },
    ],
    [
      { status: "succeeded", output: ["https://replicate.delivery/a.jpg"] },
      { kind: "succeeded", url: "https://replicate.delivery/a.jpg" },
    ],
    [
      { status: "succeeded", output: "https://replicate.delivery/b.webp" },
      { kind: "succeeded", url: "https://replicate.delivery/b.webp" },
    ],
    [
      { status: "failed", error: "NSFW content detected." },
      { kind: "failed", moderated: true },
    ],
    [
      { status: "failed", error: "CUDA out of memory" },
      { kind: "failed", moderated: false },
    ],
    [{ status: "canceled" }, { kind: "canceled" }],
  ] as const)("prediction %j → %j", (prediction, outcome) => {
    expect(predictionOutcome({ id: "p", ...prediction } as Prediction)).toMatchObject(outcome);
  });

  it("reads outputs and tqdm progress defensively", () => {
    expect(firstOutput(null)).toBeUndefined();
    expect(firstOutput([])).toBeUndefined();
    expect(progressFromLogs("Using seed: 1")).toBeUndefined();
  });
});

describe("Replicate flux-fast against the fake", () => {
  it("creates a prediction with bearer auth and Prefer: wait, and downloads a real image", async () => {
    const out = await run(job("a teapot in space", { aspectRatio: "16:9", seed: 3 }));
    const submit = vendor.fake.last("POST", PATH)!;
    expect(submit.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(submit.headers.prefer).toBe("wait=1");
    expect(JSON.parse(submit.body)).toEqual({
      input: { prompt: "a teapot in space", aspect_ratio: "16:9", speed_mode: "Juiced 🔥 (default)", output_format: "jpg", seed: 3 },
    });
    expect(out.task!.id).toMatch(/^[a-z2-7]{26}$/);
    expect(await probeMedia(out.file)).toMatchObject({ format: "jpeg", width: 480, height: 270 });
  });

  it("delivers WebP and PNG as asked", async () => {
    expect(await probeMedia((await run(job("webp please", { format: "webp" }))).file)).toMatchObject({ format: "webp", width: 480, height: 480 });
    expect((await probeMedia((await run(job("png please", { format: "png", aspectRatio: "9:16" }))).file)).format).toBe("png");
  });

  it("maps 422 problem+json to INVALID_INPUT without retrying", async () => {
    const before = submits();
    await expect(run(job("x [sandbox:invalid]"))).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("input.prompt") });
    expect(submits() - before).toBe(1);
  });

  it("a bad token is PROVIDER_UNAVAILABLE (our credentials), not retried", async () => {
    const before = submits();
    const error = await run(job("x"), { credentials: { REPLICATE_API_TOKEN: "bad token with spaces" } }).catch((e) => e);
    expect(error).toMatchObject({ code: "PROVIDER_UNAVAILABLE", retryable: false, message: expect.stringContaining("valid authentication token") });
    expect(submits() - before).toBe(1);
  });

  it("retries a 429 after Retry-After: exactly one prediction is created", async () => {
    const before = submits();
    const out = await run(job("busy [sandbox:rate_limit_once]"));
    expect(out.file).toMatch(/flux-fast\.jpg$/);
    expect(submits() - before).toBe(2);
  });

  it("persistent 429 and 503 are PROVIDER_UNAVAILABLE and safe to fall back from", async () => {
    await expect(run(job("x [sandbox:rate_limit]"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", accepted: false, message: expect.stringContaining("throttled") });
    await expect(run(job("x [sandbox:outage]"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", accepted: false });
  });

  it("failed predictions are GENERATION_FAILED with Replicate's error; NSFW is called out", async () => {
    await expect(run(job("x [sandbox:moderation]"))).rejects.toMatchObject({
      code: "GENERATION_FAILED",
      message: expect.stringContaining("safety checker blocked this image: NSFW"),
    });
    await expect(run(job("x [sandbox:fail]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("out of memory") });
  });

  it("abandons a prediction that never finishes and cancels it at Replicate", async () => {
    const error = await run(job("x [sandbox:timeout]"), { timeScale: 1 / 2000 }).catch((e) => e);
    expect(error).toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("did not finish") });
    const cancel = vendor.fake.last("POST", "/v1/predictions/")!;
    expect(cancel.path).toMatch(/\/cancel$/);
    const prediction = await fetch(`${vendor.url}${cancel.path.replace(/\/cancel$/, "")}`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.json());
    expect(prediction.status).toBe("canceled");
  });

  it("cancel() stops a running prediction and the follower reports it", async () => {
    const slow = await startVendorFake(fluxFastAdapter, 60_000);
    try {
      const j = job("a slow one");
      const ctx = {
        signal: new AbortController().signal,
        workDir: "/nonexistent",
        onProgress: () => undefined,
        vendor: vendorContext(j, { baseUrl: slow.url }),
        waitForCallback: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
      };
      const { task } = (await fluxFastAdapter.submit(j, ctx)) as { task: { id: string } };
      await fluxFastAdapter.cancel!(task, ctx);
      await expect(fluxFastAdapter.follow!(j, task, ctx)).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("cancelled") });
      expect(slow.fake.last("POST", `/v1/predictions/${task.id}/cancel`)!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    } finally {
      await slow.close();
    }
  });

  it("an expired output link is GENERATION_FAILED", async () => {
    await expect(run(job("x [sandbox:expired_url]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("expired") });
  });

  it("a non-JSON answer is PROVIDER_UNAVAILABLE", async () => {
    await expect(run(job("x [sandbox:malformed]"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", message: expect.stringContaining("malformed") });
  });
});

describe("Replicate webhooks (Standard Webhooks)", () => {
  it("a signed completed webhook wakes the follower well before the 5 s poll", async () => {
    const j = job("a lantern");
    const settings = { REPLICATE_WEBHOOK_SECRET: webhookSecret };
    const receiver = await startCallbackReceiver(fluxFastAdapter, j, { baseUrl: vendor.url, settings });
    try {
      const started = Date.now();
      const out = await run(j, { timeScale: 1, callbackUrl: receiver.url, settings });
      expect(Date.now() - started).toBeLessThan(3_000);
      const submit = vendor.fake.last("POST", PATH)!;
      expect(JSON.parse(submit.body)).toMatchObject({ webhook: receiver.url, webhook_events_filter: ["completed"] });
      expect(submit.headers.prefer).toBeUndefined(); // the webhook replaces the synchronous wait
      expect(receiver.accepted).toBe(1);
      expect((await probeMedia(out.file)).format).toBe("jpeg");
    } finally {
      await receiver.close();
    }
  });

  it("rejects a forged, a stale and an unsigned webhook", async () => {
    const j = job("x");
    const ctx = vendorContext(j, { baseUrl: vendor.url, settings: { REPLICATE_WEBHOOK_SECRET: webhookSecret } });
    const body = JSON.stringify({ id: "abc", status: "succeeded" });
    const signed = (secret: string, at: Date) => {
      const headers = new Headers({ "webhook-id": "msg_1", "webhook-timestamp": String(Math.floor(at.getTime() / 1000)) });
      headers.set("webhook-signature", new Webhook(secret).sign("msg_1", at, body));
      return { headers, body, query: new URLSearchParams() };
    };
    expect(fluxFastAdapter.receiveCallback!(signed(webhookSecret, new Date()), ctx)).toEqual({ authentic: true });
    expect(fluxFastAdapter.receiveCallback!(signed(`whsec_${Buffer.from("another-account").toString("base64")}`, new Date()), ctx)).toEqual({ authentic: false });
    expect(fluxFastAdapter.receiveCallback!(signed(webhookSecret, new Date(Date.now() - 10 * 60_000)), ctx)).toEqual({ authentic: false });
    expect(fluxFastAdapter.receiveCallback!({ headers: new Headers(), body, query: new URLSearchParams() }, ctx)).toEqual({ authentic: false });
  });

  it("LIVE without REPLICATE_WEBHOOK_SECRET asks for no webhook (it could not be verified); the sandbox derives the fake's secret", async () => {
    const j = job("no secret here");
    await run(j, { callbackUrl: "http://127.0.0.1:9/never" });
    expect(JSON.parse(vendor.fake.last("POST", PATH)!.body)).not.toHaveProperty("webhook");
    expect(replicateWebhookSecret({ ...vendorContext(j, { baseUrl: vendor.url }), sandbox: true })).toBe(webhookSecret);
  });
});
