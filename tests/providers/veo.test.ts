import sharp from "sharp";
import { firstRates } from "@/tests/helpers/first-prices";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "@/lib/media/probe";
import { googleError } from "@/lib/providers/google/errors";
import { veoAdapter } from "@/lib/providers/veo/adapter";
import { VEO_LINEUP, veoCost, veoVendorModelId } from "@/lib/providers/veo/models";
import { gcsMediaUrl, reconcileVeo, toVeoRequest, veoOutcome } from "@/lib/providers/veo/transform";
import { cleanupWorkDirs, runAdapter, runContext, startVendorFake, testJob, type RunOptions, type VendorHarness } from "../helpers/vendor";

let vendor: VendorHarness;
let png: string;
let jpeg: string;

beforeAll(async () => {
  vendor = await startVendorFake(veoAdapter);
  const canvas = (background: string) => sharp({ create: { width: 64, height: 36, channels: 3, background } });
  png = `data:image/png;base64,${(await canvas("#3366cc").png().toBuffer()).toString("base64")}`;
  jpeg = `data:image/jpeg;base64,${(await canvas("#cc6633").jpeg().toBuffer()).toString("base64")}`;
});
afterAll(async () => {
  await vendor.close();
  await cleanupWorkDirs();
});

const job = (text: string, options: Record<string, string | number | boolean> = {}, input = {}) =>
  testJob("VIDEO", text, { model: "veo-3.1", duration: 8, resolution: "720p", aspectRatio: "16:9", imageAs: "firstFrame", generateAudio: true, ...options }, input);
const vertex = { GOOGLE_VERTEX_LOCATION: "europe-west4" };
// 1/50 of Google's waits: 200 ms polls and 24 s before giving up, room for the fake to render clips on a busy machine.
const run = (j: ReturnType<typeof job>, extra: Partial<RunOptions> = {}) => runAdapter(veoAdapter, j, { baseUrl: vendor.url, timeScale: 1 / 50, ...extra });
const submits = () => vendor.fake.requests.filter((r) => r.method === "POST" && r.path.endsWith(":predictLongRunning"));
const body = (r: { body: string } | undefined) => JSON.parse(r!.body);
const MODEL_PATH = (model: string, location = "us-central1") => `/projects/sandbox-google-vertex-project/locations/${location}/publishers/google/models/${model}`;

describe("Veo lineup and transform", () => {
  it.each([
    ["veo-3.1", "veo-3.1-generate-001"],
    ["veo-3.1-fast", "veo-3.1-fast-generate-001"],
    ["veo-3.1-lite", "veo-3.1-lite-generate-001"],
  ])("model %s → %s", (model, id) => expect(veoVendorModelId({ model })).toBe(id));

  it("keeps the 3.0 ids as retired, each naming its 3.1 successor, and offers only 3.1", () => {
    expect(VEO_LINEUP.models.filter((m) => m.status === "RETIRED").map((m) => [m.vendorModelId, m.sunsetAt, m.successor])).toEqual([
      ["veo-3.0-generate-001", "2026-06-30", "veo-3.1"],
      ["veo-3.0-fast-generate-001", "2026-06-30", "veo-3.1-fast"],
    ]);
  });

  it.each([
    [4, "720p", "9:16"],
    [8, "1080p", "16:9"],
    [8, "4k", "9:16"],
  ])("duration %s, %s, %s → Vertex AI's parameters, seed included, generateAudio always sent", (duration, resolution, aspectRatio) => {
    const req = toVeoRequest(job("a wave", { duration, resolution, aspectRatio, negativePrompt: "blur", seed: 9 }), {});
    expect(req).toEqual({
      instances: [{ prompt: "a wave" }],
      parameters: { sampleCount: 1, durationSeconds: duration, aspectRatio, resolution, negativePrompt: "blur", seed: 9, generateAudio: true },
    });
  });

  it("sends a first and last frame, or the image as a reference (asset) instead, never both", () => {
    const image = { bytesBase64Encoded: "AAAA", mimeType: "image/png" };
    expect(toVeoRequest(job("x"), { image, lastFrame: image }).instances[0]).toEqual({ prompt: "x", image, lastFrame: image });
    expect(toVeoRequest(job("x", { imageAs: "reference" }), { image, lastFrame: image }).instances[0]).toEqual({
      prompt: "x",
      referenceImages: [{ image, referenceType: "asset" }],
    });
    expect(toVeoRequest(job("x", { model: "veo-3.1-lite" }), { image, lastFrame: image }).instances[0]).toEqual({ prompt: "x", image });
    expect(toVeoRequest(job("x", { generateAudio: false }), {}).parameters.generateAudio).toBe(false);
  });

  it.each([
    ["1080p at 6 s", { resolution: "1080p", duration: 6 }, {}, { resolution: "720p" }, [/only made at 8 s/]],
    ["4k on Lite", { model: "veo-3.1-lite", resolution: "4k" }, {}, { resolution: "1080p" }, [/4k is not available on veo-3.1-lite/]],
    ["portrait 1080p at 8 s", { resolution: "1080p", aspectRatio: "9:16" }, {}, { resolution: "1080p" }, []],
    ["a last frame alone", {}, { endImage: "data:x" }, {}, [/endImage is ignored/]],
    ["a last frame on Lite", { model: "veo-3.1-lite" }, { image: "data:y", endImage: "data:x" }, {}, [/takes no last frame/]],
    ["first and last frame", {}, { image: "data:y", endImage: "data:x" }, {}, []],
  ])("reconciles %s", (_, options, input, applied, warnings) => {
    const r = reconcileVeo({ model: "veo-3.1", duration: 8, resolution: "720p", aspectRatio: "16:9", ...options }, input);
    expect(r.applied).toMatchObject(applied);
    expect(r.warnings).toEqual(warnings.map((w) => expect.stringMatching(w)));
  });

  it("refuses reference images where Veo cannot use them, naming the field", () => {
    const base = { model: "veo-3.1", duration: 8, resolution: "720p", aspectRatio: "16:9", imageAs: "reference" };
    expect(() => reconcileVeo({ ...base, model: "veo-3.1-lite" }, { image: "data:y" })).toThrow(
      expect.objectContaining({ code: "INVALID_INPUT", details: { field: "options.imageAs" } }),
    );
    expect(() => reconcileVeo({ ...base, duration: 4 }, { image: "data:y" })).toThrow(expect.objectContaining({ code: "INVALID_INPUT", details: { field: "options.duration" } }));
  });

  it("prices per second by model and resolution, as Google bills", () => {
    expect(veoCost(firstRates("veo", "VIDEO"), { model: "veo-3.1", duration: 8, resolution: "720p" })).toBe(320);
    expect(veoCost(firstRates("veo", "VIDEO"), { model: "veo-3.1", duration: 8, resolution: "4k" })).toBe(480);
    expect(veoCost(firstRates("veo", "VIDEO"), { model: "veo-3.1-fast", duration: 8, resolution: "1080p" })).toBe(96);
    expect(veoCost(firstRates("veo", "VIDEO"), { model: "veo-3.1-lite", duration: 4, resolution: "720p" })).toBe(20);
  });

  it.each([
    [{ name: "op" }, { state: "running" }],
    [
      { name: "op", done: true, error: { code: 13, message: "boom" } },
      { state: "failed", error: { code: 13, message: "boom" } },
    ],
    [
      { name: "op", done: true, response: { videos: [{ bytesBase64Encoded: "AAAA", mimeType: "video/mp4" }] } },
      { state: "video", bytes: "AAAA" },
    ],
    [
      { name: "op", done: true, response: { videos: [{ gcsUri: "gs://b/o.mp4", mimeType: "video/mp4" }] } },
      { state: "video", gcsUri: "gs://b/o.mp4" },
    ],
    [
      { name: "op", done: true, response: { raiMediaFilteredCount: 1, raiMediaFilteredReasons: ["nope"] } },
      { state: "filtered", reason: "nope" },
    ],
    [
      { name: "op", done: true, response: { raiMediaFilteredCount: 1, videos: [] } },
      { state: "filtered", reason: "1 video(s) removed" },
    ],
  ])("reads operation %j", (op, outcome) => expect(veoOutcome(op)).toMatchObject(outcome));

  it("turns a gs:// result into the Cloud Storage media URL", () => {
    expect(gcsMediaUrl("gs://bucket/out/a b.mp4")).toBe("https://storage.googleapis.com/download/storage/v1/b/bucket/o/out%2Fa%20b.mp4?alt=media");
    expect(gcsMediaUrl("https://x")).toBeUndefined();
  });
});

describe("Google error mapping", () => {
  const info = (reason: string) => [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason }];
  it.each([
    [400, { status: "INVALID_ARGUMENT", message: "API key not valid.", details: info("API_KEY_INVALID") }, "PROVIDER_UNAVAILABLE", false],
    [401, { status: "UNAUTHENTICATED", message: "Request had invalid authentication credentials." }, "PROVIDER_UNAVAILABLE", false],
    [403, { status: "PERMISSION_DENIED", message: "Vertex AI API has not been used in project 1", details: info("SERVICE_DISABLED") }, "PROVIDER_UNAVAILABLE", false],
    [400, { status: "FAILED_PRECONDITION", message: "User location is not supported for the API use." }, "PROVIDER_UNAVAILABLE", false],
    [404, { status: "NOT_FOUND", message: "models/veo-9 is not found" }, "PROVIDER_UNAVAILABLE", false],
    [429, { status: "RESOURCE_EXHAUSTED", message: "Quota exceeded" }, "PROVIDER_UNAVAILABLE", true],
    [503, { status: "UNAVAILABLE", message: "The service is currently unavailable." }, "PROVIDER_UNAVAILABLE", true],
    [500, { status: "INTERNAL", message: "Internal error encountered." }, "PROVIDER_UNAVAILABLE", true],
    [400, { status: "INVALID_ARGUMENT", message: "Unsupported aspect ratio: 5:4" }, "INVALID_INPUT", false],
    [
      400,
      { status: "INVALID_ARGUMENT", message: "The prompt could not be submitted. This prompt contains sensitive words that violate Google's Responsible AI practices." },
      "GENERATION_FAILED",
      false,
    ],
  ])("HTTP %s %o → %s (retryable %s)", (http, error, code, retryable) => {
    expect(googleError("veo", "Google Veo", http, error)).toMatchObject({ code, retryable, message: expect.stringContaining(error.message) });
  });

  it("waits as long as Gemini's RetryInfo asks", () => {
    const error = googleError("veo", "Google Veo", 429, { status: "RESOURCE_EXHAUSTED", details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "7s" }] });
    expect(error.retryAfter).toBe(7);
  });
});

describe("Veo adapter against the fake (Vertex AI)", () => {
  it("submits Veo 3.1 to the project's model with a bearer token, polls fetchPredictOperation and writes the inline MP4 with sound", async () => {
    const out = await run(job("a lighthouse at dusk", { duration: 6, aspectRatio: "9:16", negativePrompt: "blur", seed: 7 }));
    const submit = vendor.fake.last("POST", `${MODEL_PATH("veo-3.1-generate-001")}:predictLongRunning`)!;
    expect(submit.headers.authorization).toBe("Bearer sandbox-google-vertex-access-token");
    expect(submit.headers["x-goog-api-key"]).toBeUndefined();
    expect(body(submit)).toEqual({
      instances: [{ prompt: "a lighthouse at dusk" }],
      parameters: { sampleCount: 1, durationSeconds: 6, aspectRatio: "9:16", resolution: "720p", negativePrompt: "blur", seed: 7, generateAudio: true },
    });
    expect(out.task).toMatchObject({ backend: "vertex", id: expect.stringMatching(new RegExp(`^${MODEL_PATH("veo-3.1-generate-001").slice(1)}/operations/`)) });
    expect(body(vendor.fake.last("POST", `${MODEL_PATH("veo-3.1-generate-001")}:fetchPredictOperation`))).toEqual({ operationName: out.task!.id });
    const info = await probeMedia(out.file);
    expect(info).toMatchObject({ format: "mp4", width: 270, height: 480, hasAudio: true });
    expect(info.duration).toBeCloseTo(6, 0);
  });

  it("uses GOOGLE_VERTEX_LOCATION and turns sound off where Vertex AI can (generateAudio: false)", async () => {
    const out = await run(job("silent film", { model: "veo-3.1-fast", generateAudio: false }), { settings: vertex });
    expect(body(vendor.fake.last("POST", `${MODEL_PATH("veo-3.1-fast-generate-001", "europe-west4")}:predictLongRunning`)).parameters.generateAudio).toBe(false);
    expect(await probeMedia(out.file)).toMatchObject({ format: "mp4", hasAudio: false });
  });

  it("inlines the first and last frame as base64 with their types (Veo takes no URLs)", async () => {
    // The fake fails this job after accepting it (no video to render): only the request matters here.
    await expect(run(job("from blue to orange [sandbox:fail]", { model: "veo-3.1-fast" }, { image: png, endImage: jpeg }))).rejects.toThrow();
    const instance = body(vendor.fake.last("POST", `${MODEL_PATH("veo-3.1-fast-generate-001")}:predictLongRunning`)).instances[0];
    expect(instance.image).toEqual({ bytesBase64Encoded: png.split(",")[1], mimeType: "image/png" });
    expect(instance.lastFrame).toEqual({ bytesBase64Encoded: jpeg.split(",")[1], mimeType: "image/jpeg" });
  });

  it("sends input.image as a reference image when asked, and the fake accepts it only at 8 s", async () => {
    const out = await run(job("the same mug on a beach", { imageAs: "reference" }, { image: png }));
    expect(body(submits().at(-1)).instances[0]).toEqual({
      prompt: "the same mug on a beach",
      referenceImages: [{ image: { bytesBase64Encoded: png.split(",")[1], mimeType: "image/png" }, referenceType: "asset" }],
    });
    expect(out.file).toMatch(/veo\.mp4$/);
    // A job planned elsewhere with a short clip is refused by Google, in Google's words.
    await expect(run(job("short", { imageAs: "reference", duration: 4 }, { image: png }))).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringContaining("8 second"),
    });
  });

  it("gets Google's 404 for a retired 3.0 model id, so nothing stale can reach it unnoticed", async () => {
    const res = await fetch(`${vendor.url}${MODEL_PATH("veo-3.0-generate-001")}:predictLongRunning`, {
      method: "POST",
      headers: { authorization: "Bearer sandbox-google-vertex-access-token", "content-type": "application/json" },
      body: JSON.stringify({ instances: [{ prompt: "x" }], parameters: { durationSeconds: 8, aspectRatio: "16:9", generateAudio: true } }),
    });
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatchObject({ code: 404, status: "NOT_FOUND" });
  });

  it("maps INVALID_ARGUMENT to INVALID_INPUT without retrying", async () => {
    const before = submits().length;
    await expect(run(job("bad [sandbox:invalid]"))).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("invalid argument") });
    expect(submits().length - before).toBe(1);
  });

  it("retries a 429 RESOURCE_EXHAUSTED and then follows the one operation created", async () => {
    const before = submits().length;
    const seen = vendor.fake.requests.length;
    const out = await run(job("busy hour [sandbox:rate_limit_once]"));
    expect(submits().length - before).toBe(2);
    const polled = new Set(
      vendor.fake.requests
        .slice(seen)
        .filter((r) => r.path.endsWith(":fetchPredictOperation"))
        .map((r) => body(r).operationName),
    );
    expect([...polled]).toEqual([out.task!.id]);
    expect(out.file).toMatch(/veo\.mp4$/);
  });

  it.each([
    ["[sandbox:rate_limit]", "rate limiting"],
    ["[sandbox:outage]", "unavailable"],
    ["[sandbox:malformed]", "malformed"],
  ])("gives up on %s as PROVIDER_UNAVAILABLE before the job was accepted", async (marker, words) => {
    const error = await run(job(`x ${marker}`)).catch((e) => e);
    expect(error).toMatchObject({ code: "PROVIDER_UNAVAILABLE", accepted: false, message: expect.stringContaining(words) });
  });

  it("reports Veo's safety filter (done, raiMediaFilteredCount, no video) as GENERATION_FAILED with Google's reason", async () => {
    await expect(run(job("forbidden [sandbox:moderation]"))).rejects.toMatchObject({
      code: "GENERATION_FAILED",
      accepted: true,
      message: expect.stringContaining("Responsible AI practices"),
      details: expect.objectContaining({ vendorCode: "RAI_MEDIA_FILTERED" }),
    });
  });

  it("reports an operation done with an error as GENERATION_FAILED with its message", async () => {
    await expect(run(job("doomed [sandbox:fail]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("internal error") });
  });

  it("abandons an operation that never finishes (Veo cannot be cancelled)", async () => {
    const error = await run(job("forever [sandbox:timeout]"), { timeScale: 1 / 2000 }).catch((e) => e);
    expect(error).toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("did not finish") });
    expect(vendor.fake.requests.some((r) => r.path.includes(":cancel") || r.method === "DELETE")).toBe(false);
  });

  it("maps a rejected OAuth token (401 UNAUTHENTICATED) to PROVIDER_UNAVAILABLE", async () => {
    const error = await run(job("x"), { credentials: { GOOGLE_VERTEX_PROJECT: "p", GOOGLE_VERTEX_ACCESS_TOKEN: "expired-token" } }).catch((e) => e);
    expect(error).toMatchObject({ code: "PROVIDER_UNAVAILABLE", retryable: false, details: expect.objectContaining({ status: 401 }) });
  });

  it("fails a task left from the Gemini API (which no longer serves Veo) clearly instead of polling the wrong API", async () => {
    const j = job("old");
    await expect(veoAdapter.follow!(j, { id: "models/veo-3.0-generate-001/operations/abc", backend: "gemini" }, runContext(j, { baseUrl: vendor.url }))).rejects.toMatchObject({
      code: "GENERATION_FAILED",
      message: expect.stringContaining("can no longer report"),
    });
  });
});
