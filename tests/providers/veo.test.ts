import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "@/lib/media/probe";
import { googleError } from "@/lib/providers/google/errors";
import { veoAdapter } from "@/lib/providers/veo/adapter";
import { gcsMediaUrl, reconcileVeo, toVeoRequest, veoModel, veoOutcome } from "@/lib/providers/veo/transform";
import { cleanupWorkDirs, runAdapter, startVendorFake, testJob, type RunOptions, type VendorHarness } from "../helpers/vendor";

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
  testJob("VIDEO", text, { model: "veo-3", duration: 4, resolution: "720p", aspectRatio: "16:9", generateAudio: true, ...options }, input);
const vertex = { GOOGLE_VERTEX_PROJECT: "proj-1", GOOGLE_VERTEX_LOCATION: "europe-west4" };
const run = (j: ReturnType<typeof job>, extra: Partial<RunOptions> = {}) => runAdapter(veoAdapter, j, { baseUrl: vendor.url, ...extra });
const submits = () => vendor.fake.requests.filter((r) => r.method === "POST" && r.path.endsWith(":predictLongRunning"));
const body = (r: { body: string } | undefined) => JSON.parse(r!.body);

describe("Veo transform", () => {
  it.each([
    ["veo-3", "veo-3.0-generate-001"],
    ["veo-3-fast", "veo-3.0-fast-generate-001"],
  ])("model %s → %s", (model, id) => expect(veoModel({ model })).toBe(id));

  it.each([
    [4, "720p", "16:9"],
    [6, "1080p", "16:9"],
    [8, "720p", "9:16"],
  ])("duration %s, %s, %s → durationSeconds, resolution and aspectRatio as numbers and strings", (duration, resolution, aspectRatio) => {
    const req = toVeoRequest(job("a wave", { duration, resolution, aspectRatio, negativePrompt: "blur", seed: 9 }), "gemini", {});
    expect(req).toEqual({
      instances: [{ prompt: "a wave" }],
      parameters: { sampleCount: 1, durationSeconds: duration, aspectRatio, resolution, negativePrompt: "blur", seed: 9 },
    });
  });

  it("sends generateAudio only to Vertex AI, where it is required", () => {
    expect(toVeoRequest(job("x", { generateAudio: false }), "gemini", {}).parameters).not.toHaveProperty("generateAudio");
    expect(toVeoRequest(job("x", { generateAudio: false }), "vertex", {}).parameters.generateAudio).toBe(false);
    expect(toVeoRequest(job("x"), "vertex", {}).parameters.generateAudio).toBe(true);
  });

  it("sends a last frame only together with a first frame", () => {
    const image = { bytesBase64Encoded: "AAAA", mimeType: "image/png" };
    expect(toVeoRequest(job("x"), "gemini", { image, lastFrame: image }).instances[0]).toEqual({ prompt: "x", image, lastFrame: image });
    expect(toVeoRequest(job("x"), "gemini", { lastFrame: image }).instances[0]).toEqual({ prompt: "x" });
  });

  it.each([
    [{ resolution: "1080p", aspectRatio: "9:16" }, {}, { resolution: "720p" }, /1080p is only available in 16:9/],
    [{ resolution: "1080p", aspectRatio: "16:9" }, {}, { resolution: "1080p" }, undefined],
    [{ resolution: "720p", aspectRatio: "9:16" }, { endImage: "data:x" }, {}, /endImage is ignored/],
    [{ resolution: "720p", aspectRatio: "9:16" }, { image: "data:y", endImage: "data:x" }, {}, undefined],
  ])("reconciles %o with %o", (options, input, applied, warning) => {
    const r = reconcileVeo({ model: "veo-3", duration: 8, ...options }, input);
    expect(r.applied).toMatchObject(applied);
    if (warning) expect(r.warnings).toEqual([expect.stringMatching(warning)]);
    else expect(r.warnings).toEqual([]);
  });

  it.each([
    [{ name: "op" }, { state: "running" }],
    [{ name: "op", done: true, error: { code: 13, message: "boom" } }, { state: "failed", error: { code: 13, message: "boom" } }],
    [{ name: "op", done: true, response: { generateVideoResponse: { generatedSamples: [{ video: { uri: "https://g/v" } }] } } }, { state: "video", uri: "https://g/v" }],
    [{ name: "op", done: true, response: { videos: [{ bytesBase64Encoded: "AAAA", mimeType: "video/mp4" }] } }, { state: "video", bytes: "AAAA" }],
    [{ name: "op", done: true, response: { generateVideoResponse: { raiMediaFilteredCount: 1, raiMediaFilteredReasons: ["nope"] } } }, { state: "filtered", reason: "nope" }],
    [{ name: "op", done: true, response: { raiMediaFilteredCount: 1, videos: [] } }, { state: "filtered", reason: "1 video(s) removed" }],
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
    [400, { status: "INVALID_ARGUMENT", message: "The prompt could not be submitted. This prompt contains sensitive words that violate Google's Responsible AI practices." }, "GENERATION_FAILED", false],
  ])("HTTP %s %o → %s (retryable %s)", (http, error, code, retryable) => {
    expect(googleError("veo", "Google Veo", http, error)).toMatchObject({ code, retryable, message: expect.stringContaining(error.message) });
  });

  it("waits as long as Gemini's RetryInfo asks", () => {
    const error = googleError("veo", "Google Veo", 429, { status: "RESOURCE_EXHAUSTED", details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "7s" }] });
    expect(error.retryAfter).toBe(7);
  });
});

describe("Veo adapter against the fake (Gemini API)", () => {
  it("submits with the API key, polls the operation and downloads the video with the key: real MP4 with sound", async () => {
    const out = await run(job("a lighthouse at dusk", { duration: 6, aspectRatio: "9:16", negativePrompt: "blur", seed: 7 }));
    const submit = vendor.fake.last("POST", "/models/veo-3.0-generate-001:predictLongRunning")!;
    expect(submit.headers["x-goog-api-key"]).toBe("sandbox-gemini-api-key");
    expect(body(submit)).toEqual({
      instances: [{ prompt: "a lighthouse at dusk" }],
      parameters: { sampleCount: 1, durationSeconds: 6, aspectRatio: "9:16", resolution: "720p", negativePrompt: "blur", seed: 7 },
    });
    expect(out.task?.id).toMatch(/^models\/veo-3\.0-generate-001\/operations\/[\w-]+$/);
    expect(vendor.fake.last("GET", `/${out.task!.id}`)).toBeDefined();
    expect(vendor.fake.last("GET", "/files/")!.headers["x-goog-api-key"]).toBe("sandbox-gemini-api-key");
    const info = await probeMedia(out.file);
    expect(info).toMatchObject({ format: "mp4", width: 270, height: 480, hasAudio: true });
    expect(info.duration).toBeCloseTo(6, 0);
  });

  it("inlines the first and last frame as base64 with their types (Veo takes no URLs)", async () => {
    // The fake fails this job after accepting it (no video to render): only the request matters here.
    await expect(run(job("from blue to orange [sandbox:fail]", { model: "veo-3-fast" }, { image: png, endImage: jpeg }))).rejects.toThrow();
    const instance = body(vendor.fake.last("POST", "/models/veo-3.0-fast-generate-001:predictLongRunning")).instances[0];
    expect(instance.image).toEqual({ bytesBase64Encoded: png.split(",")[1], mimeType: "image/png" });
    expect(instance.lastFrame).toEqual({ bytesBase64Encoded: jpeg.split(",")[1], mimeType: "image/jpeg" });
  });

  it("honours generateAudio: false on the Gemini API (which always adds sound) by removing the track", async () => {
    const out = await run(job("silent film", { generateAudio: false }));
    expect(body(submits().at(-1)).parameters).not.toHaveProperty("generateAudio");
    expect(await probeMedia(out.file)).toMatchObject({ format: "mp4", hasAudio: false });
  });

  it("maps a bad API key (Google's 400 API_KEY_INVALID) to PROVIDER_UNAVAILABLE without retrying", async () => {
    const before = submits().length;
    const error = await run(job("who am i"), { credentials: { GEMINI_API_KEY: "not-a-key" } }).catch((e) => e);
    expect(error).toMatchObject({ code: "PROVIDER_UNAVAILABLE", retryable: false, details: expect.objectContaining({ vendorCode: "API_KEY_INVALID" }) });
    expect(error.message).toContain("API key not valid");
    expect(submits().length - before).toBe(1);
  });

  it("maps INVALID_ARGUMENT to INVALID_INPUT without retrying", async () => {
    const before = submits().length;
    await expect(run(job("bad [sandbox:invalid]"))).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("invalid argument") });
    expect(submits().length - before).toBe(1);
  });

  it("retries a 429 RESOURCE_EXHAUSTED after Google's RetryInfo and then follows the one operation created", async () => {
    const before = submits().length;
    const seen = vendor.fake.requests.length;
    const out = await run(job("busy hour [sandbox:rate_limit_once]"));
    expect(submits().length - before).toBe(2);
    const polled = new Set(vendor.fake.requests.slice(seen).filter((r) => r.method === "GET" && r.path.includes("/operations/")).map((r) => r.path));
    expect([...polled]).toEqual([`/${out.task!.id}`]);
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

  it("reports Veo's safety filter (done, no video) as GENERATION_FAILED with Google's reason", async () => {
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

  it("fails clearly when the result link has expired before the download", async () => {
    await expect(run(job("too late [sandbox:expired_url]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("expired") });
  });
});

describe("Veo adapter against the fake (Vertex AI)", () => {
  it("submits to the project's regional model with a bearer token, polls fetchPredictOperation and writes the inline video", async () => {
    const out = await run(job("a fox in snow", { model: "veo-3-fast", generateAudio: true }), { settings: vertex });
    const path = "/projects/proj-1/locations/europe-west4/publishers/google/models/veo-3.0-fast-generate-001";
    const submit = vendor.fake.last("POST", `${path}:predictLongRunning`)!;
    expect(submit.headers.authorization).toBe("Bearer sandbox-google-vertex-access-token");
    expect(submit.headers["x-goog-api-key"]).toBeUndefined();
    expect(body(submit).parameters).toEqual({ sampleCount: 1, durationSeconds: 4, aspectRatio: "16:9", resolution: "720p", generateAudio: true });
    expect(out.task).toMatchObject({ backend: "vertex", id: expect.stringMatching(new RegExp(`^${path.slice(1)}/operations/`)) });
    expect(body(vendor.fake.last("POST", `${path}:fetchPredictOperation`))).toEqual({ operationName: out.task!.id });
    expect(await probeMedia(out.file)).toMatchObject({ format: "mp4", width: 480, height: 270, hasAudio: true });
  });

  it("reports Vertex AI's raiMediaFilteredCount as GENERATION_FAILED", async () => {
    await expect(run(job("forbidden [sandbox:moderation]"), { settings: vertex })).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("safety filter") });
  });

  it("maps a rejected OAuth token (401 UNAUTHENTICATED) to PROVIDER_UNAVAILABLE", async () => {
    const error = await run(job("x"), { settings: vertex, credentials: { GOOGLE_VERTEX_ACCESS_TOKEN: "expired-token" } }).catch((e) => e);
    expect(error).toMatchObject({ code: "PROVIDER_UNAVAILABLE", retryable: false, details: expect.objectContaining({ status: 401 }) });
  });
});
