import { firstRates } from "@/tests/helpers/first-prices";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "@/lib/media/probe";
import { heygen } from "@/lib/providers/catalog/heygen";
import { heygenAdapter } from "@/lib/providers/heygen/adapter";
import { DEFAULT_AVATAR_ID, DEFAULT_VOICE_ID, reconcileHeygen, toHeygenRequest } from "@/lib/providers/heygen/transform";
import type { GenerationJob } from "@/lib/providers/types";
import { mp3Tone } from "../helpers/media";
import { cleanupWorkDirs, runAdapter, startCallbackReceiver, startVendorFake, testJob, vendorContext, type VendorHarness } from "../helpers/vendor";

let vendor: VendorHarness;
let audio: string;

beforeAll(async () => {
  vendor = await startVendorFake(heygenAdapter);
  audio = `data:audio/mpeg;base64,${(await mp3Tone(3, 220)).toString("base64")}`;
});
afterAll(async () => {
  await vendor.close();
  await cleanupWorkDirs();
});

type Opts = Record<string, string | number | boolean>;
const defaults: Opts = {
  avatarId: DEFAULT_AVATAR_ID,
  avatarType: "avatar",
  avatarStyle: "normal",
  voice: DEFAULT_VOICE_ID,
  speed: 1,
  aspectRatio: "16:9",
  resolution: "720p",
  caption: false,
};
const job = (text: string, options: Opts = {}, input: Record<string, string> = {}) => testJob("AVATAR", text, { ...defaults, ...options }, input);
const run = (j: GenerationJob, extra: { timeScale?: number; credentials?: Record<string, string>; settings?: Record<string, string>; callbackUrl?: string } = {}) =>
  runAdapter(heygenAdapter, j, { baseUrl: vendor.url, ...extra });
const submits = () => vendor.fake.requests.filter((r) => r.path === "/v3/videos" && r.method === "POST").length;
const polls = () => vendor.fake.requests.filter((r) => r.method === "GET" && r.path.startsWith("/v3/videos/"));

describe("HeyGen transform (API v3)", () => {
  it.each([
    ["16:9", "720p"],
    ["9:16", "1080p"],
    ["1:1", "1080p"],
  ])("sends aspect_ratio %s and resolution %s as HeyGen names them (no pixel dimension on v3)", (aspectRatio, resolution) => {
    const body = toHeygenRequest(job("hi", { aspectRatio, resolution }));
    expect(body).toMatchObject({ aspect_ratio: aspectRatio, resolution });
    expect(body).not.toHaveProperty("dimension");
  });

  it("declares the unified emotion and gesture options ignored (v3 has neither), so they warn instead of failing", () => {
    expect(heygen.models.AVATAR!.options.map((o) => o.name)).not.toEqual(expect.arrayContaining(["emotion"]));
    expect(heygen.models.AVATAR!.unified).toMatchObject({ emotion: { kind: "ignored" }, gesture: { kind: "ignored" } });
  });

  it("sends a flat avatar body: script, voice_id, voice_settings.speed, the generation id as callback_id", () => {
    const j = job("Welcome to the launch.", { speed: 1.2, caption: true });
    expect(toHeygenRequest(j, undefined, "https://doitong.example/cb?generation=g")).toEqual({
      type: "avatar",
      avatar_id: DEFAULT_AVATAR_ID,
      title: j.generationId,
      resolution: "720p",
      aspect_ratio: "16:9",
      script: "Welcome to the launch.",
      voice_id: DEFAULT_VOICE_ID,
      voice_settings: { speed: 1.2 },
      caption: { file_format: "srt", style: "default" },
      callback_url: "https://doitong.example/cb?generation=g",
      callback_id: j.generationId,
    });
  });

  it.each([
    [{ avatarType: "talking_photo", avatarId: "tp1" }, {}, { type: "avatar", avatar_id: "tp1" }],
    // Planning resolves input.voice (a HeyGen id, name or portable preset) into options.voice, which is what is sent.
    [{ voice: "abc123" }, { voice: "abc123" }, { voice_id: "abc123" }],
    [{ background: "#112233" }, {}, { background: { type: "color", value: "#112233" } }],
    [{ background: "https://example.com/bg.png" }, {}, { background: { type: "image", url: "https://example.com/bg.png" } }],
  ])("options %j with input %j → %j", (options, input, expected) => {
    expect(toHeygenRequest(job("x", options, input))).toMatchObject(expected);
  });

  it("sends audio instead of a script when there is one", () => {
    const withAsset = toHeygenRequest(job("x"), { audio_asset_id: "as1" });
    expect(withAsset).toMatchObject({ audio_asset_id: "as1" });
    expect(withAsset).not.toHaveProperty("script");
    expect(withAsset).not.toHaveProperty("voice_id");
    expect(toHeygenRequest(job("x"), { audio_url: "https://example.com/a.mp3" })).toMatchObject({ audio_url: "https://example.com/a.mp3" });
  });

  it("reconciles duration, background and style, warning about each change", () => {
    const withAudio = reconcileHeygen({ ...defaults }, { audio: "https://example.com/a.mp3" });
    expect(withAudio.applied.duration).toBe(30);
    expect(withAudio.warnings[0]).toMatch(/billed as 30 s/);
    const noAudio = reconcileHeygen({ ...defaults, duration: 20, background: "office", avatarStyle: "circle" }, {});
    expect(noAudio.applied).not.toHaveProperty("duration");
    expect(noAudio.applied).not.toHaveProperty("background");
    expect(noAudio.applied).toMatchObject({ avatarStyle: "normal" });
    expect(noAudio.warnings).toHaveLength(3);
    expect(noAudio.warnings.join(" ")).toMatch(/frames every avatar itself/);
    expect(reconcileHeygen({ ...defaults }, {}).warnings).toEqual([]);
  });

  it.each([
    [{}, "Hello there.", 7], // 1 s of speech at $0.0667/s
    [{ avatarType: "talking_photo" }, "Hello there.", 5], // $0.05/s
    [{}, "x".repeat(600), 287], // ≈ 43 s of speech
    [{ speed: 1.5 }, "x".repeat(600), 194], // said faster: 29 s
    [{ duration: 45 }, "prompt", 301], // 45 s of audio
  ])("prices %j with %s at %d credits (per second, HeyGen's v3 price list)", (options, text, credits) => {
    expect(heygen.models.AVATAR!.cost(firstRates(heygen.id, "AVATAR"), { ...defaults, ...options }, text)).toBe(credits);
  });

  it("accepts a per-video callback only when it echoes the generation of its URL as callback_id", () => {
    const j = job("x");
    const vendorCtx = vendorContext(j, { baseUrl: vendor.url });
    const receive = (body: unknown, generation: string | null) =>
      heygenAdapter.receiveCallback!({ headers: new Headers(), body: JSON.stringify(body), query: new URLSearchParams(generation ? { generation } : {}) }, vendorCtx);
    const event = { event_type: "avatar_video.success", event_data: { video_id: "v", callback_id: j.generationId } };
    expect(receive(event, j.generationId)).toEqual({ authentic: true });
    expect(receive(event, "gen_other")).toEqual({ authentic: false });
    expect(receive(event, null)).toEqual({ authentic: false });
    expect(receive({ event_type: "avatar_video.success", event_data: { video_id: "v" } }, j.generationId)).toEqual({ authentic: false });
  });
});

describe("HeyGen adapter against the fake (API v3)", () => {
  it("creates with POST /v3/videos and X-Api-Key, polls GET /v3/videos/{id} to completed and stores a real talking video", async () => {
    const j = job("Hi, this is a HeyGen sandbox avatar.");
    const out = await run(j);
    const submit = vendor.fake.last("POST", "/v3/videos")!;
    expect(submit.headers["x-api-key"]).toBe("sandbox-heygen-api-key");
    expect(JSON.parse(submit.body)).toMatchObject({ type: "avatar", script: "Hi, this is a HeyGen sandbox avatar.", voice_id: DEFAULT_VOICE_ID, callback_id: j.generationId });
    const poll = polls().at(-1)!;
    expect(poll.path).toBe(`/v3/videos/${out.task!.id}`);
    expect(poll.headers["x-api-key"]).toBe("sandbox-heygen-api-key");
    expect(vendor.fake.requests.some((r) => r.path.startsWith("/v1/") || r.path.startsWith("/v2/"))).toBe(false);
    const info = await probeMedia(out.file);
    expect(info).toMatchObject({ format: "mp4", width: 480, height: 270, hasAudio: true });
    expect(info.duration).toBeGreaterThan(1);
  });

  it("uploads data: audio with POST /v3/assets (multipart file) and makes a video as long as the audio", async () => {
    const out = await run(job("ignored script", { duration: 30 }, { audio }));
    const upload = vendor.fake.last("POST", "/v3/assets")!;
    expect(upload.headers["content-type"]).toMatch(/^multipart\/form-data/);
    expect(upload.headers["x-api-key"]).toBe("sandbox-heygen-api-key");
    const body = JSON.parse(vendor.fake.last("POST", "/v3/videos")!.body);
    expect(body.audio_asset_id).toMatch(/^[0-9a-f]{32}$/);
    expect(body).not.toHaveProperty("script");
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
    [{ avatarId: "Nobody-20990101" }, "options.avatarId"],
    [{ voice: "ffffffffffffffffffffffffffffffff" }, "options.voice"],
  ])("maps HeyGen's error param for %j to INVALID_INPUT on %s", async (options, field) => {
    const error = await run(job("hello", options)).catch((e) => e);
    expect(error).toMatchObject({ code: "INVALID_INPUT", details: expect.objectContaining({ field, vendorCode: "not_found" }) });
  });

  it("maps invalid_parameter to INVALID_INPUT and a wrong key to PROVIDER_UNAVAILABLE", async () => {
    await expect(run(job("bad [sandbox:invalid]"))).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("resolution") });
    const before = submits();
    await expect(run(job("who"), { credentials: { HEYGEN_API_KEY: "wrong" } })).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", retryable: false });
    expect(submits() - before).toBe(1);
  });

  it("retries a 429 after Retry-After and creates exactly one video", async () => {
    const before = submits();
    const seen = new Set(polls().map((r) => r.path));
    const out = await run(job("busy hour [sandbox:rate_limit_once]"));
    expect((await probeMedia(out.file)).format).toBe("mp4");
    expect(submits() - before).toBe(2);
    expect(
      new Set(
        polls()
          .filter((r) => !seen.has(r.path))
          .map((r) => r.path),
      ).size,
    ).toBe(1);
  });

  it("gives up on a 503 storm as PROVIDER_UNAVAILABLE (not accepted), and treats HTML as malformed", async () => {
    await expect(run(job("down [sandbox:outage]"), { timeScale: 1 / 2000 })).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", accepted: false });
    await expect(run(job("garbage [sandbox:malformed]"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", message: expect.stringContaining("malformed") });
  });

  it("reports moderation and failed renders as GENERATION_FAILED with HeyGen's failure_message", async () => {
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

  it("gives HeyGen the video's callback_url and finishes on its callback instead of waiting for the next poll; a stranger's body is ignored", async () => {
    const j = job("Call me when it is done.");
    const receiver = await startCallbackReceiver<{ event_type: string; event_data: { callback_id: string } }>(heygenAdapter, j, { baseUrl: vendor.url });
    try {
      const started = Date.now();
      // timeScale 1: the next poll would be 10 s away, so finishing sooner proves the callback woke the follower.
      const out = await run(j, { timeScale: 1, callbackUrl: receiver.url });
      expect(Date.now() - started).toBeLessThan(8_000);
      expect((await probeMedia(out.file)).format).toBe("mp4");
      expect(JSON.parse(vendor.fake.last("POST", "/v3/videos")!.body).callback_url).toBe(receiver.url);
      expect(receiver.calls.map((c) => ({ event: c.body.event_type, id: c.body.event_data.callback_id, authentic: c.authentic }))).toContainEqual({
        event: "avatar_video.success",
        id: j.generationId,
        authentic: true,
      });
      const stranger = JSON.stringify({ event_type: "avatar_video.success", event_data: { video_id: "x", callback_id: "gen_someone_else" } });
      await fetch(receiver.url, { method: "POST", headers: { "content-type": "application/json" }, body: stranger });
      expect(receiver.calls.at(-1)?.authentic).toBe(false);
    } finally {
      await receiver.close();
    }
  });
});
