import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "@/lib/media/probe";
import type { VendorResponse } from "@/lib/providers/http/vendor-request";
import { stableDiffusionAdapter } from "@/lib/providers/stability/adapter";
import { checkStability } from "@/lib/providers/stability/client";
import { reconcileStability, toStabilityRequest } from "@/lib/providers/stability/transform";
import type { GenerationJob } from "@/lib/providers/types";
import { cleanupWorkDirs, runAdapter, startVendorFake, testJob, type RunOptions, type VendorHarness } from "../helpers/vendor";

let vendor: VendorHarness;

beforeAll(async () => {
  vendor = await startVendorFake(stableDiffusionAdapter);
});
afterAll(async () => {
  await vendor.close();
  await cleanupWorkDirs();
});

const defaults = { model: "core", aspectRatio: "1:1", format: "png" };
const job = (text: string, options: Record<string, string | number> = {}) => testJob("IMAGE", text, { ...defaults, ...options });
// The whole generation is one request, limited to 2 minutes × timeScale: 1/20 leaves the fake 6 s even on a busy machine.
const run = (j: GenerationJob, extra: Partial<RunOptions> = {}) => runAdapter(stableDiffusionAdapter, j, { baseUrl: vendor.url, timeScale: 1 / 20, ...extra });
const posts = () => vendor.fake.requests.filter((r) => r.method === "POST").length;
const formOf = (rec: { headers: Record<string, unknown>; body: string }) =>
  new Request("http://x/", { method: "POST", headers: { "content-type": String(rec.headers["content-type"]) }, body: rec.body }).formData();

describe("Stability transform", () => {
  it.each([
    ["core", "/v2beta/stable-image/generate/core", undefined],
    ["ultra", "/v2beta/stable-image/generate/ultra", undefined],
    ["sd3.5-large", "/v2beta/stable-image/generate/sd3", "sd3.5-large"],
    ["sd3.5-large-turbo", "/v2beta/stable-image/generate/sd3", "sd3.5-large-turbo"],
    ["sd3.5-medium", "/v2beta/stable-image/generate/sd3", "sd3.5-medium"],
  ])("model %s → %s (model field %s)", (model, path, field) => {
    const r = toStabilityRequest(job("x", { model }));
    expect(r.path).toBe(path);
    expect(r.fields.model).toBe(field);
  });

  it.each([
    ["cinematic", "cinematic"],
    ["photorealistic", "photographic"],
    ["anime", "anime"],
    ["illustration", "digital-art"],
    ["3d", "3d-model"],
    ["vintage", "analog-film"],
    ["neon", "neon-punk"],
  ])("style %s → style_preset %s", (style, preset) => {
    const { fields } = toStabilityRequest(job("a castle", { style }));
    expect(fields).toMatchObject({ style_preset: preset, prompt: "a castle" });
  });

  it("a style without a preset goes into the prompt, with a warning", () => {
    const { fields } = toStabilityRequest(job("a castle", { style: "minimal" }));
    expect(fields.prompt).toBe("a castle, minimal style");
    expect(fields).not.toHaveProperty("style_preset");
    expect(reconcileStability({ ...defaults, style: "minimal" }, {}).warnings).toEqual([expect.stringContaining("no Stability preset")]);
    expect(reconcileStability({ ...defaults, style: "anime" }, {}).warnings).toEqual([]);
  });

  it("4:3 and 3:4 become 5:4 and 4:5; Large Turbo drops the negative prompt; each with a warning", () => {
    const r = reconcileStability({ ...defaults, aspectRatio: "4:3" }, {});
    expect(r.applied.aspectRatio).toBe("5:4");
    expect(r.warnings[0]).toMatch(/4:3 is not offered/);
    expect(toStabilityRequest(job("x", { aspectRatio: "3:4" })).fields.aspect_ratio).toBe("4:5");
    const turbo = reconcileStability({ ...defaults, model: "sd3.5-large-turbo", negativePrompt: "blur" }, {});
    expect(turbo.applied).not.toHaveProperty("negativePrompt");
    expect(turbo.warnings[0]).toMatch(/negativePrompt is ignored/);
  });

  it("sends seed as a form string and the formats as Stability names them", () => {
    expect(toStabilityRequest(job("x", { seed: 42, format: "jpeg", negativePrompt: "fog" })).fields).toEqual({
      prompt: "x",
      aspect_ratio: "1:1",
      output_format: "jpeg",
      seed: "42",
      negative_prompt: "fog",
    });
  });
});

describe("Stability adapter against the fake", () => {
  it("posts multipart with Bearer and Accept: image/*, and writes the returned PNG", async () => {
    const out = await run(job("a red barn in snow", { aspectRatio: "16:9", seed: 5, style: "cinematic", negativePrompt: "people" }));
    const rec = vendor.fake.last("POST", "/v2beta/stable-image/generate/core")!;
    expect(rec.headers.authorization).toBe("Bearer sandbox-stability-api-key");
    expect(rec.headers.accept).toBe("image/*");
    expect(rec.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(Object.fromEntries(await formOf(rec))).toEqual({
      prompt: "a red barn in snow",
      aspect_ratio: "16:9",
      output_format: "png",
      seed: "5",
      style_preset: "cinematic",
      negative_prompt: "people",
    });
    expect(out.task).toBeUndefined(); // synchronous: the file comes with the submit
    expect(await probeMedia(out.file)).toMatchObject({ format: "png", width: 480, height: 270 });
  });

  it("SD 3.5 goes to /sd3 with its model; JPEG and WebP come back as asked", async () => {
    const jpeg = await run(job("a fox", { model: "sd3.5-large", format: "jpeg", aspectRatio: "2:3" }));
    expect(Object.fromEntries(await formOf(vendor.fake.last("POST", "/v2beta/stable-image/generate/sd3")!))).toMatchObject({ model: "sd3.5-large" });
    expect(await probeMedia(jpeg.file)).toMatchObject({ format: "jpeg", width: 320, height: 480 });
    const webp = await run(job("a fox", { model: "ultra", format: "webp" }));
    expect(vendor.fake.last("POST", "/v2beta/stable-image/generate/ultra")).toBeDefined();
    expect(await probeMedia(webp.file)).toMatchObject({ format: "webp", width: 480, height: 480 });
  });

  it("maps 400 bad_request to INVALID_INPUT with Stability's words, without retrying", async () => {
    const before = posts();
    await expect(run(job("x [sandbox:invalid]"))).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringContaining("prompt: was rejected"),
      details: expect.objectContaining({ vendorCode: "bad_request" }),
    });
    expect(posts() - before).toBe(1);
  });

  it("a filtered image (200 with finish-reason CONTENT_FILTERED) is GENERATION_FAILED, not a file", async () => {
    await expect(run(job("x [sandbox:moderation]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", details: expect.objectContaining({ vendorCode: "CONTENT_FILTERED" }) });
  });

  it("maps auth, input moderation and payment errors by Stability's status and name", async () => {
    const unauth = await fetch(`${vendor.url}/v2beta/stable-image/generate/core`, { method: "POST", body: new FormData() });
    const res = (status: number, body: unknown): VendorResponse => {
      const bytes = Buffer.from(JSON.stringify(body));
      return { status, ok: false, headers: new Headers(), bytes, text: () => bytes.toString(), json: <T>() => JSON.parse(bytes.toString()) as T };
    };
    expect(checkStability(res(401, await unauth.json()))).toMatchObject({ code: "PROVIDER_UNAVAILABLE", retryable: false, message: expect.stringContaining("authorization") });
    expect(checkStability(res(403, { id: "a", name: "content_moderation", errors: ["Your request was flagged by our content moderation system"] }))).toMatchObject({
      code: "GENERATION_FAILED",
      message: expect.stringContaining("flagged"),
    });
    expect(checkStability(res(402, { id: "b", name: "payment_required", errors: ["You lack sufficient credits"] }))).toMatchObject({
      code: "PROVIDER_UNAVAILABLE",
      message: expect.stringContaining("credits"),
    });
    expect(checkStability(res(413, { id: "c", name: "payload_too_large", errors: ["body: payloads cannot be larger than 10MiB"] }))).toMatchObject({ code: "INVALID_INPUT" });
  });

  it("retries a 429 and then succeeds with a single image made", async () => {
    const before = posts();
    const out = await run(job("busy [sandbox:rate_limit_once]"));
    expect((await probeMedia(out.file)).format).toBe("png");
    expect(posts() - before).toBe(2);
  });

  it("persistent 429, 503 and 500 end as PROVIDER_UNAVAILABLE, safe to fall back from (Stability bills only images)", async () => {
    await expect(run(job("x [sandbox:rate_limit]"))).rejects.toMatchObject({
      code: "PROVIDER_UNAVAILABLE",
      accepted: false,
      details: expect.objectContaining({ vendorCode: "rate_limit_exceeded" }),
    });
    await expect(run(job("x [sandbox:outage]"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", accepted: false });
    await expect(run(job("x [sandbox:fail]"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", details: expect.objectContaining({ vendorCode: "internal_error" }) });
  });

  it("a request that never answers is abandoned at the time limit as GENERATION_FAILED", async () => {
    const error = await run(job("x [sandbox:timeout]"), { timeScale: 1 / 2000 }).catch((e) => e);
    expect(error).toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("did not finish within 2 minutes") });
  });

  it("an answer that is not an image is PROVIDER_UNAVAILABLE", async () => {
    await expect(run(job("x [sandbox:malformed]"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", message: expect.stringContaining("malformed") });
  });

  it("aborting the run aborts the request", async () => {
    const controller = new AbortController();
    const running = run(job("x [sandbox:timeout]"), { signal: controller.signal }).catch((e) => e);
    setTimeout(() => controller.abort(), 50);
    expect((await running).name).toBe("AbortError");
  });
});
