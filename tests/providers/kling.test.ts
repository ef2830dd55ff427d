import { decodeProtectedHeader, jwtVerify } from "jose";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "@/lib/media/probe";
import { planForProvider } from "@/lib/generations/plan-generation";
import { FIRST_PRICES, firstRates } from "@/tests/helpers/first-prices";
import { klingAdapter } from "@/lib/providers/kling/adapter";
import { klingError } from "@/lib/providers/kling/client";
import { klingCost, reconcileKling, toKlingVideoRequest } from "@/lib/providers/kling/transform";
import type { VendorResponse } from "@/lib/providers/http/vendor-request";
import type { GenerationJob } from "@/lib/providers/types";
import { cleanupWorkDirs, runAdapter, runContext, startCallbackReceiver, startVendorFake, testJob, type VendorHarness } from "../helpers/vendor";

let vendor: VendorHarness;
let landscape: string;
let portrait: string;

const png = async (width: number, height: number, color: string) =>
  `data:image/png;base64,${(
    await sharp({ create: { width, height, channels: 3, background: color } })
      .png()
      .toBuffer()
  ).toString("base64")}`;

beforeAll(async () => {
  vendor = await startVendorFake(klingAdapter);
  landscape = await png(64, 36, "#3366cc");
  portrait = await png(36, 64, "#cc6633");
});
afterAll(async () => {
  await vendor.close();
  await cleanupWorkDirs();
});

const job = (text: string, options: Record<string, string | number> = {}, input: Partial<GenerationJob["input"]> = {}) =>
  testJob("VIDEO", text, { version: "1.0", mode: "std", duration: 5, aspectRatio: "16:9", ...options }, input);
const run = (j: GenerationJob, timeScale?: number) => runAdapter(klingAdapter, j, { baseUrl: vendor.url, timeScale });
const submits = () => vendor.fake.requests.filter((r) => r.method === "POST" && r.path.startsWith("/v1/videos/"));
const wire = (j: GenerationJob) => JSON.parse(submits().findLast((r) => JSON.parse(r.body).external_task_id === j.generationId)!.body);

describe("Kling transform", () => {
  it.each([
    ["1.0", false, "kling-v1", "text2video"],
    ["2.0", false, "kling-v2-master", "text2video"],
    ["2.5-turbo", false, "kling-v2-5-turbo", "text2video"],
    ["2.6", true, "kling-v2-6", "image2video"],
    ["3.0", true, "kling-v3", "image2video"],
  ])("version %s (image: %s) → model_name %s on /v1/videos/%s", (version, hasImage, model, endpoint) => {
    const input = hasImage ? { image: "https://example.com/a.png" } : {};
    const { endpoint: path, body } = toKlingVideoRequest(job("a fox", { version }, input), { image: input.image });
    expect(path).toBe(endpoint);
    expect(body.model_name).toBe(model);
  });

  it.each([
    ["1.5", "kling-v1-5", "2.6"],
    ["1.6", "kling-v1-6", "2.6"],
    ["2.1", "kling-v2-1", "2.5-turbo"],
    ["2.1-master", "kling-v2-1-master", "2.6"],
  ])("version %s (%s) was retired on 2026-09-15: refused naming %s, never sent", (version, vendorId, successor) => {
    const input = { type: "VIDEO" as const, provider: "kling", input: { text: "x" }, options: { version } };
    expect(() => planForProvider(input, "kling", FIRST_PRICES)).toThrow(
      expect.objectContaining({ code: "INVALID_INPUT", message: expect.stringContaining(`${version} (${vendorId}) was retired by the vendor on 2026-09-15; use "${successor}"`) }),
    );
  });

  it("without a version, a request runs on Kling 3.0, the current flagship", () => {
    const plan = planForProvider({ type: "VIDEO", provider: "kling", input: { text: "x" } }, "kling", FIRST_PRICES);
    expect(plan.appliedOptions.version).toBe("3.0");
    expect(toKlingVideoRequest({ ...job("x"), options: plan.appliedOptions }, {}).body.model_name).toBe("kling-v3");
  });

  it.each([
    [{ duration: 5 }, { duration: "5", mode: "std", aspect_ratio: "16:9" }],
    [
      { duration: 10, mode: "pro", aspectRatio: "9:16" },
      { duration: "10", mode: "pro", aspect_ratio: "9:16" },
    ],
    [
      { negativePrompt: "blur", cfgScale: 0.3 },
      { negative_prompt: "blur", cfg_scale: 0.3 },
    ],
  ])("options %j → %j", (options, expected) => {
    const { body } = toKlingVideoRequest(job("a fox", options), {});
    expect(body).toMatchObject({ ...expected, prompt: "a fox", external_task_id: expect.stringMatching(/^gen_test/) });
    expect(body).not.toHaveProperty("callback_url");
  });

  it("leaves out what a model does not take: mode and cfg_scale on Master, aspect_ratio from an image", () => {
    const master = toKlingVideoRequest(job("x", { version: "2.0", cfgScale: 0.4, mode: "pro" }), {}).body;
    expect(master).not.toHaveProperty("mode");
    expect(master).not.toHaveProperty("cfg_scale");
    const fromImage = toKlingVideoRequest(job("x", { aspectRatio: "1:1" }, { image: "https://example.com/a.png" }), { image: "https://example.com/a.png" }).body;
    expect(fromImage).not.toHaveProperty("aspect_ratio");
    expect(toKlingVideoRequest(job("x"), {}, "https://cb.example/k").body.callback_url).toBe("https://cb.example/k");
    expect(toKlingVideoRequest(job("y".repeat(3000)), {}).body.prompt).toHaveLength(2500);
  });

  it.each([
    ["a chosen shape is dropped from an image", { aspectRatio: "1:1" }, { image: "x" }, { aspectRatio: undefined }, /aspectRatio 1:1 is ignored/],
    ["cfgScale is a v1.x control", { version: "2.6", cfgScale: 0.7 }, {}, { cfgScale: undefined }, /cfgScale is ignored/],
    ["Master has no pro mode", { version: "2.0", mode: "pro" }, {}, { mode: undefined }, /mode pro is ignored/],
    ["an end frame needs pro", { version: "2.6", mode: "std" }, { image: "x", endImage: "y" }, { mode: "pro" }, /end frame only in pro mode/],
    ["2.0 has no end frame", { version: "2.0" }, { image: "x", endImage: "y" }, {}, /no end-frame control/],
    ["an end frame needs a first frame", {}, { endImage: "y" }, {}, /needs input.image/],
  ])("reconcile: %s", (_, options, input, applied, warning) => {
    const r = reconcileKling({ version: "1.0", mode: "std", duration: 5, aspectRatio: "16:9", ...options }, input);
    for (const [key, value] of Object.entries(applied)) {
      if (value === undefined) expect(r.applied).not.toHaveProperty(key);
      else expect(r.applied[key]).toBe(value);
    }
    expect(r.warnings).toEqual([expect.stringMatching(warning)]);
  });

  it("applies defaults silently: 16:9 from an image, std on Master", () => {
    expect(reconcileKling({ version: "2.6", mode: "std", duration: 5, aspectRatio: "16:9" }, { image: "x" }).warnings).toEqual([]);
    expect(reconcileKling({ version: "2.0", mode: "std", duration: 5, aspectRatio: "16:9" }, {}).warnings).toEqual([]);
  });

  it.each([
    [{ version: "1.0", mode: "std", duration: 5 }, 14],
    [{ version: "1.0", mode: "pro", duration: 10 }, 98],
    [{ version: "2.0", duration: 10 }, 280],
    [{ version: "2.5-turbo", mode: "std", duration: 5 }, 21],
    [{ version: "2.6", mode: "pro", duration: 10 }, 70],
    [{ version: "3.0", mode: "std", duration: 5 }, 89],
  ])("price %j → %i credits", (options, credits) => expect(klingCost(firstRates("kling", "VIDEO"), options)).toBe(credits));
});

const response = (status: number, body: unknown, headers: Record<string, string> = {}): VendorResponse => {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return { status, ok: status < 300, headers: new Headers(headers), bytes: Buffer.from(text), text: () => text, json: <T>() => JSON.parse(text) as T };
};

describe("Kling error table", () => {
  it.each([
    [401, 1000, "PROVIDER_UNAVAILABLE", false, /credentials/],
    [401, 1004, "PROVIDER_UNAVAILABLE", false, /credentials/],
    [429, 1100, "PROVIDER_UNAVAILABLE", false, /balance or resource pack/],
    [429, 1102, "PROVIDER_UNAVAILABLE", false, /balance or resource pack/],
    [403, 1103, "PROVIDER_UNAVAILABLE", false, /no access/],
    [400, 1200, "INVALID_INPUT", false, /rejected/],
    [400, 1201, "INVALID_INPUT", false, /rejected/],
    [404, 1203, "INVALID_INPUT", false, /rejected/],
    [400, 1301, "GENERATION_FAILED", false, /content safety/],
    [429, 1302, "PROVIDER_UNAVAILABLE", true, /rate limiting/],
    [429, 1303, "PROVIDER_UNAVAILABLE", true, /rate limiting/],
    [429, 1304, "PROVIDER_UNAVAILABLE", false, /IP address/],
    [500, 5000, "PROVIDER_UNAVAILABLE", true, /unavailable/],
    [503, 5001, "PROVIDER_UNAVAILABLE", true, /unavailable/],
    [504, 5002, "PROVIDER_UNAVAILABLE", true, /unavailable/],
    // Errors inside HTTP 200: the code decides.
    [200, 1302, "PROVIDER_UNAVAILABLE", true, /rate limiting/],
    [200, 1201, "INVALID_INPUT", false, /rejected/],
    [200, 1101, "PROVIDER_UNAVAILABLE", false, /balance/],
  ])("HTTP %i code %i → %s (retryable %s)", (status, code, ours, retryable, message) => {
    const error = klingError("kling", "Kling", response(status, { code, message: "vendor words", request_id: "r" }))!;
    expect(error).toMatchObject({ code: ours, retryable, message: expect.stringMatching(message), details: expect.objectContaining({ vendorCode: code }) });
    expect(error.message).toContain("vendor words");
  });

  it("passes code 0 and maps bodies that are not Kling's", () => {
    expect(klingError("kling", "Kling", response(200, { code: 0, message: "SUCCEED", data: {} }))).toBeUndefined();
    expect(klingError("kling", "Kling", response(502, "<html>Bad Gateway</html>"))).toMatchObject({ code: "PROVIDER_UNAVAILABLE", retryable: true });
  });
});

describe("Kling adapter against the fake", () => {
  it("text-to-video: signs a JWT, sends Kling's field names and types, and downloads a real clip of the asked shape", async () => {
    const j = job("a red kite over the sea", { aspectRatio: "9:16", negativePrompt: "blurry", cfgScale: 0.3 });
    const out = await run(j);
    const submit = submits().findLast((r) => r.path === "/v1/videos/text2video")!;
    const token = String(submit.headers.authorization).replace(/^Bearer /, "");
    expect(decodeProtectedHeader(token)).toEqual({ alg: "HS256", typ: "JWT" });
    const { payload } = await jwtVerify(token, new TextEncoder().encode("sandbox-kling-secret-key"));
    expect(payload.iss).toBe("sandbox-kling-access-key");
    expect(payload.exp! - payload.nbf!).toBe(1805);
    expect(JSON.parse(submit.body)).toEqual({
      model_name: "kling-v1",
      prompt: "a red kite over the sea",
      negative_prompt: "blurry",
      cfg_scale: 0.3,
      mode: "std",
      aspect_ratio: "9:16",
      duration: "5",
      external_task_id: j.generationId,
    });
    expect(vendor.fake.last("GET", "/v1/videos/text2video/")!.path).toBe(`/v1/videos/text2video/${out.task!.id}`);
    const info = await probeMedia(out.file);
    expect(info).toMatchObject({ format: "mp4", width: 270, height: 480 });
    expect(info.duration).toBeCloseTo(5, 0);
  });

  it("image-to-video: raw base64 without the data: prefix, end frame in pro, and the clip follows the image's shape", async () => {
    const j = job("the sun sets", { version: "2.6", mode: "pro", duration: 10 }, { image: portrait, endImage: landscape });
    const out = await run(j);
    const body = wire(j);
    expect(vendor.fake.last("POST", "/v1/videos/image2video")).toBeDefined();
    expect(body).toMatchObject({ model_name: "kling-v2-6", mode: "pro", duration: "10", image: portrait.split(",")[1], image_tail: landscape.split(",")[1] });
    expect(body.image).not.toMatch(/^data:/);
    expect(body).not.toHaveProperty("aspect_ratio");
    expect(body).not.toHaveProperty("cfg_scale");
    const info = await probeMedia(out.file);
    expect(info).toMatchObject({ format: "mp4", width: 270, height: 480 });
    expect(info.duration).toBeCloseTo(10, 0);
  });

  it("passes an image URL through for Kling to fetch", async () => {
    const j = job("from a link", {}, { image: "https://images.example.com/cat.png" });
    await run(j);
    expect(wire(j).image).toBe("https://images.example.com/cat.png");
  });

  it("re-encodes a WebP input as PNG (Kling takes jpg, jpeg or png only), keeping its shape", async () => {
    const webp = `data:image/webp;base64,${(
      await sharp({ create: { width: 36, height: 64, channels: 3, background: "#22aa88" } })
        .webp()
        .toBuffer()
    ).toString("base64")}`;
    const j = job("from a webp", { version: "2.6" }, { image: webp });
    const out = await run(j);
    const sent = Buffer.from(wire(j).image, "base64");
    expect(await sharp(sent).metadata()).toMatchObject({ format: "png", width: 36, height: 64 });
    expect(await probeMedia(out.file)).toMatchObject({ width: 270, height: 480 });
  });

  it("the fake refuses WebP base64 as Kling does", async () => {
    const webp = (
      await sharp({ create: { width: 64, height: 36, channels: 3, background: "#000" } })
        .webp()
        .toBuffer()
    ).toString("base64");
    const res = await fetch(`${vendor.url}/v1/videos/image2video`, {
      method: "POST",
      headers: { authorization: "Bearer sandbox-kling-api-key", "content-type": "application/json" },
      body: JSON.stringify({ model_name: "kling-v2-6", image: webp, duration: "5" }),
    });
    expect(await res.json()).toMatchObject({ code: 1201, message: expect.stringContaining("jpg, jpeg or png") });
  });

  it("refuses an input that is not an image before calling Kling", async () => {
    const before = vendor.fake.requests.length;
    const j = job("bad input", {}, { image: `data:image/png;base64,${Buffer.from("not an image at all").toString("base64")}` });
    await expect(run(j)).rejects.toMatchObject({ code: "INVALID_INPUT", details: expect.objectContaining({ field: "input.image" }) });
    expect(vendor.fake.requests.length).toBe(before);
  });

  it("maps a wrong secret key (401, code 1002) to PROVIDER_UNAVAILABLE without retrying", async () => {
    const before = submits().length;
    const credentials = { KLING_ACCESS_KEY: "sandbox-kling-access-key", KLING_SECRET_KEY: "not-the-secret" };
    const error = await runAdapter(klingAdapter, job("who am i"), { baseUrl: vendor.url, credentials }).catch((e) => e);
    expect(error).toMatchObject({ code: "PROVIDER_UNAVAILABLE", retryable: false, details: expect.objectContaining({ status: 401, vendorCode: 1002 }) });
    expect(submits().length - before).toBe(1);
  });

  it("maps bad parameters (400, code 1201) to INVALID_INPUT without retrying", async () => {
    const before = submits().length;
    await expect(run(job("bad [sandbox:invalid]"))).rejects.toMatchObject({ code: "INVALID_INPUT", details: expect.objectContaining({ vendorCode: 1201 }) });
    expect(submits().length - before).toBe(1);
  });

  it("retries a 429 (code 1302) after Retry-After and then succeeds with exactly one task", async () => {
    const j = job("busy hour [sandbox:rate_limit_once]");
    const out = await run(j);
    expect(submits().filter((r) => JSON.parse(r.body).external_task_id === j.generationId)).toHaveLength(2);
    const one = await fetch(`${vendor.url}/v1/videos/text2video/${j.generationId}`, { headers: { authorization: "Bearer sandbox-kling-api-key" } }).then((r) => r.json());
    expect(one.data.task_id).toBe(out.task!.id);
    expect((await probeMedia(out.file)).format).toBe("mp4");
  });

  it("gives up on a persistent rate limit as PROVIDER_UNAVAILABLE", async () => {
    await expect(run(job("always busy [sandbox:rate_limit]"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", details: expect.objectContaining({ vendorCode: 1302 }) });
  });

  it("gives up on an outage (503, code 5001) as PROVIDER_UNAVAILABLE, not accepted", async () => {
    await expect(run(job("down [sandbox:outage]"))).rejects.toMatchObject({
      code: "PROVIDER_UNAVAILABLE",
      accepted: false,
      details: expect.objectContaining({ vendorCode: 5001 }),
    });
  });

  it("treats a non-JSON answer as PROVIDER_UNAVAILABLE", async () => {
    await expect(run(job("garbage [sandbox:malformed]"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE" });
  });

  it("follows the existing task when the same generation is submitted again (external_task_id)", async () => {
    const j = job("submitted twice");
    const ctx = contextFor(j);
    const first = await klingAdapter.submit(j, ctx);
    const second = await klingAdapter.submit(j, ctx);
    expect(second).toEqual(first);
    expect(submits().filter((r) => JSON.parse(r.body).external_task_id === j.generationId)).toHaveLength(2);
    // Found with Kling's single-task query, the external id in the path.
    expect(vendor.fake.last("GET", "/v1/videos/text2video/")!.path).toBe(`/v1/videos/text2video/${j.generationId}`);
  });

  it("fails a task Kling no longer knows (404, code 1203) as GENERATION_FAILED", async () => {
    const j = job("lost");
    await expect(klingAdapter.follow!(j, { id: "no-such-task", endpoint: "text2video" }, contextFor(j))).rejects.toMatchObject({
      code: "GENERATION_FAILED",
      message: expect.stringContaining("no longer knows this task"),
      details: expect.objectContaining({ vendorCode: 1203 }),
    });
  });

  it("reports moderation as GENERATION_FAILED with Kling's reason", async () => {
    await expect(run(job("forbidden [sandbox:moderation]"))).rejects.toMatchObject({
      code: "GENERATION_FAILED",
      accepted: true,
      message: expect.stringMatching(/content safety check blocked.*risk control/),
    });
  });

  it("reports a failed task as GENERATION_FAILED", async () => {
    await expect(run(job("unlucky [sandbox:fail]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("Kling failed") });
  });

  it("abandons a task that never finishes as GENERATION_FAILED (Kling has no cancel)", async () => {
    const error = await run(job("forever [sandbox:timeout]"), 1 / 2000).catch((e) => e);
    expect(error).toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("did not finish") });
  });

  it("fails clearly when the result link has expired before the download", async () => {
    await expect(run(job("too late [sandbox:expired_url]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("expired") });
  });

  it("wakes on Kling's callbacks instead of waiting out the 10 s poll", async () => {
    const j = job("called back");
    const receiver = await startCallbackReceiver<Record<string, unknown>>(klingAdapter, j, { baseUrl: vendor.url });
    try {
      const started = Date.now();
      const out = await runAdapter(klingAdapter, j, { baseUrl: vendor.url, timeScale: 1, callbackUrl: receiver.url });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(wire(j).callback_url).toBe(receiver.url);
      const statuses = receiver.bodies.map((b) => b.task_status);
      expect(statuses).toEqual(expect.arrayContaining(["processing", "succeed"]));
      expect(receiver.bodies.at(-1)).toMatchObject({ task_id: out.task!.id, task_info: { external_task_id: j.generationId } });
      expect((await probeMedia(out.file)).format).toBe("mp4");
    } finally {
      await receiver.close();
    }
  });
});

const contextFor = (j: GenerationJob) => runContext(j, { baseUrl: vendor.url });
