import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "@/lib/media/probe";
import { heygen } from "@/lib/providers/catalog/heygen";
import { heygenAdapter } from "@/lib/providers/heygen/adapter";
import { HEYGEN_SANDBOX_WEBHOOK_SECRET, heygenSignature, registerHeygenWebhook } from "@/lib/providers/heygen/client";
import { DEFAULT_AVATAR_ID, DEFAULT_VOICE_ID, reconcileHeygen, toHeygenRequest } from "@/lib/providers/heygen/transform";
import type { GenerationJob } from "@/lib/providers/types";
import { cleanupWorkDirs, runAdapter, startCallbackReceiver, startVendorFake, testJob, vendorContext, type VendorHarness } from "../helpers/vendor";

const exec = promisify(execFile);
let vendor: VendorHarness;
let audio: string;

beforeAll(async () => {
  vendor = await startVendorFake(heygenAdapter);
  const { stdout } = await exec("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "sine=frequency=220:duration=3", "-c:a", "libmp3lame", "-b:a", "64k", "-f", "mp3", "pipe:1"], {
    encoding: "buffer",
  });
  audio = `data:audio/mpeg;base64,${stdout.toString("base64")}`;
});
afterAll(async () => {
  await vendor.close();
  await cleanupWorkDirs();
});

type Opts = Record<string, string | number | boolean>;
const defaults: Opts = { avatarId: DEFAULT_AVATAR_ID, avatarType: "avatar", avatarStyle: "normal", voice: DEFAULT_VOICE_ID, speed: 1, emotion: "neutral", aspectRatio: "16:9", resolution: "720p", caption: false };
const job = (text: string, options: Opts = {}, input: Record<string, string> = {}) => testJob("AVATAR", text, { ...defaults, ...options }, input);
const run = (j: GenerationJob, extra: { timeScale?: number; credentials?: Record<string, string>; settings?: Record<string, string> } = {}) =>
  runAdapter(heygenAdapter, j, { baseUrl: vendor.url, ...extra });
const submits = () => vendor.fake.requests.filter((r) => r.path === "/v2/video/generate").length;

describe("HeyGen transform", () => {
  it.each([
    ["16:9", "720p", 1280, 720],
    ["9:16", "720p", 720, 1280],
    ["1:1", "1080p", 1080, 1080],
    ["16:9", "1080p", 1920, 1080],
  ])("aspectRatio %s at %s → dimension %d×%d", (aspectRatio, resolution, width, height) => {
    expect(toHeygenRequest(job("hi", { aspectRatio, resolution })).dimension).toEqual({ width, height });
  });

  it("sends the script with the voice, speed and emotion, and the generation id as callback_id", () => {
    const j = job("Welcome to the launch.", { speed: 1.2, emotion: "calm", caption: true });
    expect(toHeygenRequest(j)).toEqual({
      video_inputs: [
        {
          character: { type: "avatar", avatar_id: DEFAULT_AVATAR_ID, avatar_style: "normal" },
          voice: { type: "text", input_text: "Welcome to the launch.", voice_id: DEFAULT_VOICE_ID, speed: 1.2, emotion: "Soothing" },
        },
      ],
      dimension: { width: 1280, height: 720 },
      caption: true,
      title: j.generationId,
      callback_id: j.generationId,
    });
  });

  it.each([
    [{ avatarType: "talking_photo", avatarId: "tp1" }, {}, { character: { type: "talking_photo", talking_photo_id: "tp1" } }],
    [{ avatarStyle: "closeUp" }, {}, { character: { type: "avatar", avatar_id: DEFAULT_AVATAR_ID, avatar_style: "closeUp" } }],
    [{}, { voice: "abc123" }, { voice: { type: "text", input_text: "x", voice_id: "abc123", speed: 1 } }],
    [{ background: "#112233" }, {}, { background: { type: "color", value: "#112233" } }],
    [{ background: "https://example.com/bg.png" }, {}, { background: { type: "image", url: "https://example.com/bg.png" } }],
  ])("options %j with input %j → video_inputs[0] %j", (options, input, expected) => {
    expect(toHeygenRequest(job("x", options, input)).video_inputs[0]).toMatchObject(expected);
  });

  it("sends audio instead of a script when there is one", () => {
    expect(toHeygenRequest(job("x"), { audio_asset_id: "as1" }).video_inputs[0].voice).toEqual({ type: "audio", audio_asset_id: "as1" });
    expect(toHeygenRequest(job("x"), { audio_url: "https://example.com/a.mp3" }).video_inputs[0].voice).toEqual({ type: "audio", audio_url: "https://example.com/a.mp3" });
  });

  it("reconciles duration, background and style, warning about each change", () => {
    const withAudio = reconcileHeygen({ ...defaults }, { audio: "https://example.com/a.mp3" });
    expect(withAudio.applied.duration).toBe(30);
    expect(withAudio.warnings[0]).toMatch(/billed as 30 s/);
    const noAudio = reconcileHeygen({ ...defaults, duration: 20, background: "office", avatarType: "talking_photo", avatarStyle: "circle" }, {});
    expect(noAudio.applied).not.toHaveProperty("duration");
    expect(noAudio.applied).not.toHaveProperty("background");
    expect(noAudio.applied.avatarStyle).toBe("normal");
    expect(noAudio.warnings).toHaveLength(3);
    expect(reconcileHeygen({ ...defaults }, {}).warnings).toEqual([]);
  });

  it.each([
    [{}, "Hello there.", 99],
    [{ avatarType: "talking_photo" }, "Hello there.", 50],
    [{}, "x".repeat(600), 198], // ≈ 43 s of speech: two 30 s steps
    [{ speed: 1.5 }, "x".repeat(600), 99], // said faster: one step
    [{ duration: 45 }, "prompt", 198], // 45 s of audio
  ])("prices %j with %s at %d credits", (options, text, credits) => {
    expect(heygen.models.AVATAR!.price({ ...defaults, ...options }, text)).toBe(credits);
  });

  it("checks webhook signatures with the endpoint's secret", () => {
    const body = JSON.stringify({ event_type: "avatar_video.success", event_data: { video_id: "v", callback_id: "gen_1" } });
    const vendorCtx = vendorContext(job("x"), { baseUrl: vendor.url, settings: { HEYGEN_WEBHOOK_SECRET: "s3cret" } });
    const callback = (signature: string) => heygenAdapter.receiveCallback!({ headers: new Headers({ signature }), body, query: new URLSearchParams() }, vendorCtx);
    // A genuine event names its generation (our callback_id), so the account-wide endpoint can route it.
    expect(callback(heygenSignature(body, "s3cret"))).toEqual({ authentic: true, generationId: "gen_1" });
    expect(callback(heygenSignature(body, "other"))).toEqual({ authentic: false });
    expect(callback(heygenSignature(`${body} `, "s3cret"))).toEqual({ authentic: false });
    const unset = vendorContext(job("x"), { baseUrl: vendor.url });
    expect(heygenAdapter.receiveCallback!({ headers: new Headers({ signature: heygenSignature(body, "s3cret") }), body, query: new URLSearchParams() }, unset)).toEqual({
      authentic: false,
    });
    const sandbox = { ...unset, sandbox: true };
    const signed = heygenSignature(body, HEYGEN_SANDBOX_WEBHOOK_SECRET);
    expect(heygenAdapter.receiveCallback!({ headers: new Headers({ signature: signed }), body, query: new URLSearchParams() }, sandbox)).toEqual({ authentic: true, generationId: "gen_1" });
  });
});

describe("HeyGen adapter against the fake", () => {
  it("submits with X-Api-Key, polls video_status.get to completed and stores a real talking video", async () => {
    const j = job("Hi, this is a HeyGen sandbox avatar.", { emotion: "friendly" });
    const out = await run(j);
    const submit = vendor.fake.last("POST", "/v2/video/generate")!;
    expect(submit.headers["x-api-key"]).toBe("sandbox-heygen-api-key");
    expect(JSON.parse(submit.body)).toMatchObject({
      video_inputs: [{ voice: { type: "text", input_text: "Hi, this is a HeyGen sandbox avatar.", voice_id: DEFAULT_VOICE_ID, speed: 1, emotion: "Friendly" } }],
      dimension: { width: 1280, height: 720 },
      callback_id: j.generationId,
    });
    const poll = vendor.fake.last("GET", "/v1/video_status.get")!;
    expect(poll.query).toEqual({ video_id: out.task!.id });
    expect(poll.headers["x-api-key"]).toBe("sandbox-heygen-api-key");
    const info = await probeMedia(out.file);
    expect(info).toMatchObject({ format: "mp4", width: 480, height: 270, hasAudio: true });
    expect(info.duration).toBeGreaterThan(1);
  });

  it("uploads data: audio as an asset and makes a video as long as the audio", async () => {
    const out = await run(job("ignored script", { duration: 30 }, { audio }));
    const upload = vendor.fake.last("POST", "/v1/asset")!;
    expect(upload.headers["content-type"]).toBe("audio/mpeg");
    expect(upload.headers["x-api-key"]).toBe("sandbox-heygen-api-key");
    const voice = JSON.parse(vendor.fake.last("POST", "/v2/video/generate")!.body).video_inputs[0].voice;
    expect(voice).toEqual({ type: "audio", audio_asset_id: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const info = await probeMedia(out.file);
    expect(info.format).toBe("mp4");
    expect(info.duration).toBeCloseTo(3, 0);
  });

  it("refuses audio longer than the priced duration before submitting", async () => {
    const before = submits();
    const error = await run(job("x", { duration: 1 }, { audio })).catch((e) => e);
    expect(error).toMatchObject({ code: "INVALID_INPUT", details: { field: "input.audio" } });
    expect(submits()).toBe(before);
  });

  it.each([
    [{ avatarId: "Nobody-20990101" }, "options.avatarId", "avatar_not_found"],
    [{ voice: "ffffffffffffffffffffffffffffffff" }, "options.voice", "voice_not_found"],
  ])("maps %j to INVALID_INPUT on %s", async (options, field, vendorCode) => {
    const error = await run(job("hello", options)).catch((e) => e);
    expect(error).toMatchObject({ code: "INVALID_INPUT", details: expect.objectContaining({ field, vendorCode }) });
  });

  it("maps invalid_parameter to INVALID_INPUT and a wrong key to PROVIDER_UNAVAILABLE", async () => {
    await expect(run(job("bad [sandbox:invalid]"))).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("dimension.width") });
    const before = submits();
    await expect(run(job("who"), { credentials: { HEYGEN_API_KEY: "wrong" } })).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", retryable: false });
    expect(submits() - before).toBe(1);
  });

  it("retries a 429 after Retry-After and creates exactly one video", async () => {
    const before = submits();
    const videos = new Set(vendor.fake.requests.filter((r) => r.path === "/v1/video_status.get").map((r) => r.query.video_id));
    const out = await run(job("busy hour [sandbox:rate_limit_once]"));
    expect((await probeMedia(out.file)).format).toBe("mp4");
    expect(submits() - before).toBe(2);
    const polled = new Set(vendor.fake.requests.filter((r) => r.path === "/v1/video_status.get" && !videos.has(r.query.video_id)).map((r) => r.query.video_id));
    expect(polled.size).toBe(1);
  });

  it("gives up on a 503 storm as PROVIDER_UNAVAILABLE (not accepted), and treats HTML as malformed", async () => {
    await expect(run(job("down [sandbox:outage]"), { timeScale: 1 / 2000 })).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", accepted: false });
    await expect(run(job("garbage [sandbox:malformed]"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", message: expect.stringContaining("malformed") });
  });

  it("reports moderation and failed renders as GENERATION_FAILED with HeyGen's reason", async () => {
    await expect(run(job("forbidden [sandbox:moderation]"))).rejects.toMatchObject({
      code: "GENERATION_FAILED",
      message: expect.stringContaining("content moderation"),
      details: expect.objectContaining({ vendorCode: "content_policy_violation" }),
    });
    await expect(run(job("broken [sandbox:fail]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("rendering failed") });
  });

  it("abandons a video that never finishes (HeyGen has no cancel)", async () => {
    const error = await run(job("forever [sandbox:timeout]"), { timeScale: 1 / 2000 }).catch((e) => e);
    expect(error).toMatchObject({ code: "GENERATION_FAILED", accepted: true, message: expect.stringContaining("did not finish") });
    expect(heygenAdapter.cancel).toBeUndefined();
  });

  it("fails clearly when the result link has expired before the download", async () => {
    await expect(run(job("too late [sandbox:expired_url]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("expired") });
  });

  it("finishes on the signed avatar_video.success event instead of waiting for the next poll, and ignores a forged one", async () => {
    const j = job("Call me when it is done.");
    const settings: Record<string, string> = {}; // HEYGEN_WEBHOOK_SECRET, once the endpoint is registered
    // The operator's endpoint: answers HeyGen's OPTIONS check, verifies each event, then wakes the follower it names.
    const receiver = await startCallbackReceiver<{ event_type: string }>(heygenAdapter, j, { baseUrl: vendor.url, settings, path: "/api/providers/heygen/callback" });
    const seen = () => receiver.calls.map((c) => ({ event: c.body.event_type, authentic: c.authentic }));
    try {
      const registered = await registerHeygenWebhook(vendorContext(job("x"), { baseUrl: vendor.url }), receiver.url, AbortSignal.timeout(5_000));
      settings.HEYGEN_WEBHOOK_SECRET = registered.secret;

      const started = Date.now();
      // timeScale 1: the next poll would be 10 s away, so finishing sooner proves the event woke the follower.
      const out = await run(j, { timeScale: 1, settings });
      expect(Date.now() - started).toBeLessThan(8_000);
      expect((await probeMedia(out.file)).format).toBe("mp4");
      expect(seen()).toContainEqual({ event: "avatar_video.success", authentic: true });

      const forged = JSON.stringify({ event_type: "avatar_video.success", event_data: { video_id: "x", callback_id: j.generationId } });
      await fetch(receiver.url, { method: "POST", headers: { "content-type": "application/json", signature: heygenSignature(forged, "not-the-secret") }, body: forged });
      expect(seen().at(-1)).toEqual({ event: "avatar_video.success", authentic: false });

      await expect(registerHeygenWebhook(vendorContext(j, { baseUrl: vendor.url }), "http://127.0.0.1:9/nothing", AbortSignal.timeout(5_000))).rejects.toMatchObject({
        code: "INVALID_INPUT",
        message: expect.stringContaining("OPTIONS"),
      });
      await fetch(`${vendor.url}/v1/webhook/endpoint.delete?endpoint_id=${registered.endpointId}`, { method: "DELETE", headers: { "x-api-key": "sandbox-heygen-api-key" } });
    } finally {
      await receiver.close();
    }
  });
});
