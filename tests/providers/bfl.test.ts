import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "@/lib/media/probe";
import { fluxDevAdapter, flux11ProAdapter, fluxKontextAdapter, fluxProAdapter, fluxUltraAdapter } from "@/lib/providers/bfl/adapter";
import { bflClient, signBflWebhook } from "@/lib/providers/bfl/client";
import { bflOutcome, reconcileBfl, safePollingUrl, toBflRequest } from "@/lib/providers/bfl/transform";
import type { GenerationJob, ProviderAdapter } from "@/lib/providers/types";
import { cleanupWorkDirs, runAdapter, startCallbackReceiver, startVendorFake, testJob, vendorContext, type VendorHarness } from "../helpers/vendor";

let vendor: VendorHarness;
let image: string;
let imageBase64: string;

beforeAll(async () => {
  vendor = await startVendorFake(flux11ProAdapter);
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#cc6633" } })
    .png()
    .toBuffer();
  imageBase64 = png.toString("base64");
  image = `data:image/png;base64,${imageBase64}`;
});
afterAll(async () => {
  await vendor.close();
  await cleanupWorkDirs();
});

const defaults = { aspectRatio: "1:1", promptUpsampling: false, safetyTolerance: 2, format: "jpeg" };
const job = (text: string, options: Record<string, string | number | boolean> = {}, input: Partial<GenerationJob["input"]> = {}) =>
  testJob("IMAGE", text, { ...defaults, ...options }, input);
const run = (adapter: ProviderAdapter, j: GenerationJob, extra: { timeScale?: number; callbackUrl?: string } = {}) =>
  runAdapter(adapter, j, { baseUrl: vendor.url, timeScale: 1 / 50, ...extra }); // 1/50: a 6 s limit, room for a busy machine
const submits = () => vendor.fake.requests.filter((r) => r.method === "POST").length;

describe("BFL transform", () => {
  it.each([
    ["1:1", 1024, 1024],
    ["16:9", 1376, 768],
    ["9:16", 768, 1376],
    ["4:3", 1152, 864],
    ["3:2", 1248, 832],
    ["21:9", 1344, 576],
  ])("width/height models: %s → %i×%i, multiples of 32", (aspectRatio, width, height) => {
    const body = toBflRequest("flux-1.1-pro", job("x", { aspectRatio }));
    expect(body).toMatchObject({ width, height });
    expect((body.width! % 32) + (body.height! % 32)).toBe(0);
    expect(body).not.toHaveProperty("aspect_ratio");
  });

  it.each([
    ["flux-dev", { steps: 28, guidance: 3 }, { steps: 28, guidance: 3 }],
    ["flux-pro", { steps: 40, guidance: 2.5 }, { steps: 40, guidance: 2.5 }],
    ["flux-ultra", { quality: "raw", aspectRatio: "21:9" }, { raw: true, aspect_ratio: "21:9" }],
    ["flux-ultra", { quality: "ultra" }, { raw: false, aspect_ratio: "1:1" }],
    ["flux-kontext", { mode: "max", aspectRatio: "9:16" }, { aspect_ratio: "9:16" }],
  ] as const)("%s maps %j → %j", (id, options, wire) => {
    const body = toBflRequest(id, job("a fox", options));
    expect(body).toMatchObject({ prompt: "a fox", output_format: "jpeg", safety_tolerance: 2, prompt_upsampling: false, ...wire });
  });

  it("maps seed, png, upsampling and the webhook; images go as base64 in the model's own field", () => {
    const body = toBflRequest("flux-pro", job("x", { seed: 9, format: "png", promptUpsampling: true }), "QUJD", { url: "https://cb.example/x", secret: "s3" });
    expect(body).toMatchObject({ seed: 9, output_format: "png", prompt_upsampling: true, image_prompt: "QUJD", webhook_url: "https://cb.example/x", webhook_secret: "s3" });
    const edit = toBflRequest("flux-kontext", job("make it blue", { aspectRatio: "16:9" }), "QUJD");
    expect(edit.input_image).toBe("QUJD");
    expect(edit).not.toHaveProperty("aspect_ratio"); // an edit keeps the input image's shape
  });

  it("caps Kontext's safety tolerance at 2 for edits, with a warning", () => {
    const r = reconcileBfl("flux-kontext")({ ...defaults, safetyTolerance: 5 }, { image });
    expect(r.applied.safetyTolerance).toBe(2);
    expect(r.warnings[0]).toMatch(/at most 2/);
    expect(reconcileBfl("flux-kontext")({ ...defaults, safetyTolerance: 5 }, {}).warnings).toEqual([]);
    expect(reconcileBfl("flux-ultra")({ ...defaults, safetyTolerance: 6 }, { image }).warnings).toEqual([]);
  });

  it.each([
    [
      { status: "Pending", progress: 0.4 },
      { kind: "pending", progress: 40 },
    ],
    [
      { state: "Ready", result: { sample: "https://x/y.jpg" } },
      { kind: "ready", url: "https://x/y.jpg" },
    ],
    [
      { status: "Request Moderated", details: { "Moderation Reasons": ["Derivative Works Filter"] } },
      { kind: "failed", moderated: true },
    ],
    [{ status: "Content Moderated" }, { kind: "failed", moderated: true }],
    [{ status: "Error" }, { kind: "failed", moderated: false }],
    [{ status: "Failed" }, { kind: "failed", moderated: false }],
    [{ status: "Task not found" }, { kind: "failed", moderated: false }],
  ])("status %j → %j", (result, outcome) => {
    expect(bflOutcome(result)).toMatchObject(outcome);
  });

  it("only sends the x-key to a polling_url on BFL or on the configured base URL", () => {
    expect(safePollingUrl("https://api.us1.bfl.ai/v1/get_result?id=a", "a", "https://api.bfl.ai")).toBe("https://api.us1.bfl.ai/v1/get_result?id=a");
    expect(safePollingUrl("https://evil.example/steal?id=a", "a", "https://api.bfl.ai")).toBe("https://api.bfl.ai/v1/get_result?id=a");
    expect(safePollingUrl("http://127.0.0.1:9/v1/get_result?id=a", "a", "http://127.0.0.1:9")).toBe("http://127.0.0.1:9/v1/get_result?id=a");
  });
});

describe("BFL adapters against the fake", () => {
  it("FLUX1.1 [pro]: x-key, width/height, polling_url to Ready, a real JPEG copied into workDir", async () => {
    const out = await run(flux11ProAdapter, job("a lighthouse at dusk", { aspectRatio: "16:9", seed: 11 }));
    const submit = vendor.fake.last("POST", "/v1/flux-pro-1.1")!;
    expect(submit.headers["x-key"]).toBe("sandbox-bfl-api-key");
    expect(JSON.parse(submit.body)).toEqual({
      prompt: "a lighthouse at dusk",
      width: 1376,
      height: 768,
      seed: 11,
      prompt_upsampling: false,
      safety_tolerance: 2,
      output_format: "jpeg",
    });
    expect(vendor.fake.last("GET", "/v1/get_result")!.query.id).toBe(out.task!.id);
    const info = await probeMedia(out.file);
    expect(info).toMatchObject({ format: "jpeg", width: 480 });
    expect(info.height).toBeCloseTo(268, -1);
    expect(out.progress.length).toBeGreaterThan(0);
  });

  it.each([
    ["flux-dev", fluxDevAdapter, "/v1/flux-dev", { steps: 28, guidance: 3 }],
    ["flux-pro", fluxProAdapter, "/v1/flux-pro", { steps: 40, guidance: 2.5 }],
    ["flux-ultra", fluxUltraAdapter, "/v1/flux-pro-1.1-ultra", { quality: "raw" }],
    ["flux-kontext", fluxKontextAdapter, "/v1/flux-kontext-max", { mode: "max" }],
  ] as const)("%s posts to %s and returns a PNG when asked", async (_id, adapter, path, options) => {
    const out = await run(adapter, job("a paper boat", { ...options, format: "png", aspectRatio: "3:2" }));
    expect(vendor.fake.last("POST", path)).toBeDefined();
    const info = await probeMedia(out.file);
    expect(info).toMatchObject({ format: "png", width: 480, height: 320 });
  });

  it("Kontext edits send the input image as raw base64 in input_image", async () => {
    await run(fluxKontextAdapter, job("make the sky green", {}, { image }));
    const body = JSON.parse(vendor.fake.last("POST", "/v1/flux-kontext-pro")!.body);
    expect(body.input_image).toBe(imageBase64);
    expect(body).not.toHaveProperty("aspect_ratio");
  });

  it("maps a 422 {detail:[…]} to INVALID_INPUT naming the field, without retrying", async () => {
    const before = submits();
    await expect(run(flux11ProAdapter, job("bad [sandbox:invalid]"))).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("prompt: Value error") });
    expect(submits() - before).toBe(1);
  });

  it("refuses a missing x-key as PROVIDER_UNAVAILABLE (our credentials), and 402 as our used-up balance", async () => {
    const res = await fetch(`${vendor.url}/v1/flux-dev`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"prompt":"x"}' });
    expect(res.status).toBe(401);
    const client = bflClient("flux-dev", vendorContext(job("x"), { baseUrl: vendor.url }));
    const response = (status: number, body: unknown) => {
      const bytes = Buffer.from(JSON.stringify(body));
      return { status, ok: false, headers: new Headers(), bytes, text: () => bytes.toString(), json: <T>() => JSON.parse(bytes.toString()) as T };
    };
    expect(client.check!(response(401, await res.json()))).toMatchObject({ code: "PROVIDER_UNAVAILABLE", retryable: false });
    expect(client.check!(response(402, { detail: "Insufficient credits" }))).toMatchObject({
      code: "PROVIDER_UNAVAILABLE",
      message: expect.stringContaining("credits are used up"),
    });
  });

  it("retries a 429 after Retry-After and creates exactly one task", async () => {
    const before = submits();
    const out = await run(flux11ProAdapter, job("busy [sandbox:rate_limit_once]"));
    expect(out.file).toMatch(/flux-1\.1-pro\.jpg$/);
    expect(submits() - before).toBe(2);
  });

  it("a 429 that persists and a 503 are PROVIDER_UNAVAILABLE, not accepted", async () => {
    await expect(run(flux11ProAdapter, job("x [sandbox:rate_limit]"))).rejects.toMatchObject({
      code: "PROVIDER_UNAVAILABLE",
      accepted: false,
      message: expect.stringContaining("active tasks"),
    });
    await expect(run(flux11ProAdapter, job("x [sandbox:outage]"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", accepted: false });
  });

  it("moderation and failures reported inside a 200 poll are GENERATION_FAILED with BFL's reason", async () => {
    await expect(run(flux11ProAdapter, job("x [sandbox:moderation]"))).rejects.toMatchObject({
      code: "GENERATION_FAILED",
      message: expect.stringContaining("Moderation Reasons: Content policy"),
      details: expect.objectContaining({ vendorCode: "Content Moderated" }),
    });
    await expect(run(flux11ProAdapter, job("x [sandbox:fail]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", details: expect.objectContaining({ vendorCode: "Error" }) });
  });

  it("abandons a task that never finishes as GENERATION_FAILED", async () => {
    const error = await run(flux11ProAdapter, job("x [sandbox:timeout]"), { timeScale: 1 / 2000 }).catch((e) => e);
    expect(error).toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("did not finish within 5 minutes") });
  });

  it("an expired result.sample is GENERATION_FAILED", async () => {
    await expect(run(flux11ProAdapter, job("x [sandbox:expired_url]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("expired") });
  });

  it("a non-JSON answer is PROVIDER_UNAVAILABLE", async () => {
    await expect(run(flux11ProAdapter, job("x [sandbox:malformed]"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", message: expect.stringContaining("malformed") });
  });
});

describe("BFL webhooks", () => {
  it("sends webhook_url/secret, the signed webhook wakes the follower long before the 5 s poll, and a bad signature is rejected", async () => {
    const j = job("a snow globe");
    const receiver = await startCallbackReceiver(fluxUltraAdapter, j, { baseUrl: vendor.url });
    try {
      const started = Date.now();
      const out = await run(fluxUltraAdapter, j, { timeScale: 1, callbackUrl: receiver.url });
      expect(Date.now() - started).toBeLessThan(3_000);
      const body = JSON.parse(vendor.fake.last("POST", "/v1/flux-pro-1.1-ultra")!.body);
      expect(body).toMatchObject({ webhook_url: receiver.url, webhook_secret: `secret-${j.generationId}` });
      expect(receiver.accepted).toBeGreaterThanOrEqual(1);
      expect((await probeMedia(out.file)).format).toBe("jpeg");

      const payload = JSON.stringify({ id: out.task!.id, status: "Ready" });
      const forged = await fetch(receiver.url, { method: "POST", headers: { "x-bfl-signature": signBflWebhook(payload, "wrong-secret") }, body: payload });
      expect(forged.status).toBe(401);
      const unsigned = await fetch(receiver.url, { method: "POST", body: payload });
      expect(unsigned.status).toBe(401);
    } finally {
      await receiver.close();
    }
  });
});
