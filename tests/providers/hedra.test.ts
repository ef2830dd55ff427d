import { execFile } from "node:child_process";
import { promisify } from "node:util";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "@/lib/media/probe";
import { hedra } from "@/lib/providers/catalog/hedra";
import { hedraAdapter } from "@/lib/providers/hedra/adapter";
import { CHARACTER_3_MODEL_ID, pickHedraVoice, reconcileHedra, SPEAKING_PROMPT, toHedraGeneration } from "@/lib/providers/hedra/transform";
import { cleanupWorkDirs, runAdapter, startVendorFake, testJob, type VendorHarness } from "../helpers/vendor";

const exec = promisify(execFile);
let vendor: VendorHarness;
let image: string;
let audio: string;

/** A 3-second MP3 tone, as a client would send recorded speech. */
async function toneMp3(seconds: number): Promise<string> {
  const { stdout } = await exec("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", `sine=frequency=330:duration=${seconds}`, "-c:a", "libmp3lame", "-b:a", "64k", "-f", "mp3", "pipe:1"], {
    encoding: "buffer",
  });
  return `data:audio/mpeg;base64,${stdout.toString("base64")}`;
}

beforeAll(async () => {
  vendor = await startVendorFake(hedraAdapter);
  const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#cc8866" } }).png().toBuffer();
  image = `data:image/png;base64,${png.toString("base64")}`;
  audio = await toneMp3(3);
});
afterAll(async () => {
  await vendor.close();
  await cleanupWorkDirs();
});

type Opts = Record<string, string | number>;
const job = (text: string, options: Opts = {}, input: Record<string, string> = {}) =>
  testJob("AVATAR", text, { aspectRatio: "1:1", resolution: "720p", ...options }, { image, ...input });
const run = (j: ReturnType<typeof job>, extra: { timeScale?: number; credentials?: Record<string, string> } = {}) =>
  runAdapter(hedraAdapter, j, { baseUrl: vendor.url, ...extra });
const count = (method: string, path: string) => vendor.fake.requests.filter((r) => r.method === method && r.path === path).length;
const refs = { modelId: CHARACTER_3_MODEL_ID, imageAssetId: "img-1" };

describe("Hedra transform", () => {
  it.each([
    ["16:9", "540p"],
    ["9:16", "720p"],
    ["1:1", "720p"],
  ])("aspectRatio %s and resolution %s go into generated_video_inputs as given", (aspectRatio, resolution) => {
    const body = toHedraGeneration(job("hi", { aspectRatio, resolution, seed: 9 }), { ...refs, voiceId: "v1" });
    expect(body.generated_video_inputs).toEqual({ text_prompt: SPEAKING_PROMPT, resolution, aspect_ratio: aspectRatio, seed: 9 });
  });

  it("without audio, speaks input.text with Hedra's text-to-speech; duration only when asked", () => {
    const body = toHedraGeneration(job("Welcome aboard."), { ...refs, voiceId: "v1" });
    expect(body).toMatchObject({
      type: "video",
      ai_model_id: CHARACTER_3_MODEL_ID,
      start_keyframe_id: "img-1",
      audio_generation: { type: "text_to_speech", voice_id: "v1", text: "Welcome aboard." },
    });
    expect(body.audio_id).toBeUndefined();
    expect(body.generated_video_inputs.duration_ms).toBeUndefined();
    expect(toHedraGeneration(job("x", { duration: 7.5 }), { ...refs, voiceId: "v1" }).generated_video_inputs.duration_ms).toBe(7500);
  });

  it("with audio, uses input.text as the prompt and runs as long as the audio (capped by duration)", () => {
    const body = toHedraGeneration(job("smiling, nodding", { duration: 30 }), { ...refs, audio: { assetId: "aud-1", seconds: 3.2 } });
    expect(body).toMatchObject({ audio_id: "aud-1", generated_video_inputs: { text_prompt: "smiling, nodding", duration_ms: 3200 } });
    expect(body.audio_generation).toBeUndefined();
    expect(toHedraGeneration(job("x", { duration: 2 }), { ...refs, audio: { assetId: "a", seconds: 3.2 } }).generated_video_inputs.duration_ms).toBe(2000);
  });

  it("bills audio without a duration as 30 s, with a warning, and notes an ignored voice", () => {
    const r = reconcileHedra({ resolution: "720p" }, { audio: "https://example.com/a.mp3", voice: "Chloe" });
    expect(r.applied.duration).toBe(30);
    expect(r.warnings).toEqual([expect.stringContaining("billed as 30 s"), expect.stringContaining("voice is ignored")]);
    expect(reconcileHedra({ duration: 12 }, { audio: "https://example.com/a.mp3" }).warnings).toEqual([]);
    expect(reconcileHedra({}, {}).warnings).toEqual([]);
  });

  it("picks a voice by id or name, else Hedra's first", () => {
    const voices = [
      { id: "a1", name: "Chloe" },
      { id: "b2", name: "Marcus" },
    ];
    expect(pickHedraVoice(voices, undefined)?.id).toBe("a1");
    expect(pickHedraVoice(voices, "marcus")?.id).toBe("b2");
    expect(pickHedraVoice(voices, "b2")?.id).toBe("b2");
    expect(pickHedraVoice(voices, "Nobody")).toBeUndefined();
  });

  it.each([
    [{ resolution: "720p", duration: 10 }, "", 40],
    [{ resolution: "540p", duration: 10 }, "", 30],
    [{ resolution: "720p" }, "x".repeat(280), 80 + 3], // ~20 s of speech + its text-to-speech
    [{ resolution: "720p" }, "hi", 21], // short clips billed as 5 s, plus the text-to-speech
  ])("prices %j with %s-character text at %d credits", (options, text, credits) => {
    expect(hedra.models.AVATAR!.price(options, text)).toBe(credits);
  });
});

describe("Hedra adapter against the fake", () => {
  it("uploads the portrait, voices the script with Hedra's first voice, polls to complete and stores a real talking clip", async () => {
    const before = vendor.fake.requests.length;
    const out = await run(job("Hello, I am your sandbox presenter.", { seed: 4 }));
    const sent = vendor.fake.requests.slice(before);
    expect(sent.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/, ":id")}`).slice(0, 4)).toEqual([
      "GET /voices",
      "POST /assets",
      "POST /assets/:id/upload",
      "POST /generations",
    ]);
    // Every API call carries the key; the pre-signed result link needs none.
    expect(sent.filter((r) => !r.path.startsWith("/_files/")).every((r) => r.headers["x-api-key"] === "sandbox-hedra-api-key")).toBe(true);
    expect(sent.at(-1)!.path).toMatch(/^\/_files\//);
    const asset = sent[1];
    expect(JSON.parse(asset.body)).toEqual({ name: "portrait.png", type: "image" });
    expect(sent[2].headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(sent[2].body).toContain('name="file"; filename="portrait.png"');
    const assetId = sent[2].path.split("/")[2];
    expect(JSON.parse(sent[3].body)).toEqual({
      type: "video",
      ai_model_id: CHARACTER_3_MODEL_ID,
      start_keyframe_id: assetId,
      audio_generation: { type: "text_to_speech", voice_id: "5f1c2a43-3c1e-4c3f-9a57-0f8e3b7d1a01", text: "Hello, I am your sandbox presenter." },
      generated_video_inputs: { text_prompt: SPEAKING_PROMPT, resolution: "720p", aspect_ratio: "1:1", seed: 4 },
    });
    const info = await probeMedia(out.file);
    expect(info).toMatchObject({ format: "mp4", width: 480, height: 480, hasAudio: true });
    expect(info.duration).toBeGreaterThan(1);
    expect(out.progress.length).toBeGreaterThan(0);
  });

  it("uses the voice asked for by name", async () => {
    await run(job("Deep voice please.", {}, { voice: "marcus" }));
    const body = JSON.parse(vendor.fake.last("POST", "/generations")!.body);
    expect(body.audio_generation.voice_id).toBe("8b2d6e10-7a4f-4e21-b5c9-2c7d9e4f3b02");
  });

  it("refuses an unknown voice before uploading anything", async () => {
    const assets = count("POST", "/assets");
    const error = await run(job("hi", {}, { voice: "Nobody" })).catch((e) => e);
    expect(error).toMatchObject({ code: "INVALID_INPUT", details: { field: "input.voice" }, message: expect.stringContaining("Chloe") });
    expect(count("POST", "/assets")).toBe(assets);
  });

  it("uploads input.audio as an audio asset and makes a clip as long as the audio", async () => {
    const out = await run(job("gentle smile, looking at the camera", { duration: 30, aspectRatio: "16:9", resolution: "540p" }, { audio }));
    const body = JSON.parse(vendor.fake.last("POST", "/generations")!.body);
    expect(body.audio_id).toEqual(expect.any(String));
    expect(body.audio_generation).toBeUndefined();
    expect(body.generated_video_inputs).toMatchObject({ text_prompt: "gentle smile, looking at the camera", resolution: "540p", aspect_ratio: "16:9" });
    expect(body.generated_video_inputs.duration_ms).toBeGreaterThanOrEqual(2950);
    expect(body.generated_video_inputs.duration_ms).toBeLessThanOrEqual(3100);
    const audioAsset = vendor.fake.requests.filter((r) => r.method === "POST" && r.path === "/assets").map((r) => JSON.parse(r.body)).at(-1);
    expect(audioAsset).toEqual({ name: "speech.mp3", type: "audio" });
    const info = await probeMedia(out.file);
    expect(info).toMatchObject({ format: "mp4", width: 480, height: 270 });
    expect(info.duration).toBeCloseTo(3, 0);
  });

  it("refuses audio longer than the priced duration before uploading anything", async () => {
    const assets = count("POST", "/assets");
    const error = await run(job("talk", { duration: 2 }, { audio })).catch((e) => e);
    expect(error).toMatchObject({ code: "INVALID_INPUT", details: { field: "input.audio" }, message: expect.stringContaining("priced for 2 s") });
    expect(count("POST", "/assets")).toBe(assets);
  });

  it("refuses a wrong key as PROVIDER_UNAVAILABLE without retrying", async () => {
    const before = vendor.fake.requests.length;
    const error = await run(job("who am i"), { credentials: { HEDRA_API_KEY: "wrong" } }).catch((e) => e);
    expect(error).toMatchObject({ code: "PROVIDER_UNAVAILABLE", retryable: false, details: expect.objectContaining({ status: 401 }) });
    expect(vendor.fake.requests.length - before).toBe(1);
  });

  it("maps a 422 to INVALID_INPUT naming the field", async () => {
    await expect(run(job("bad [sandbox:invalid]"))).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("generated_video_inputs.resolution") });
  });

  it("retries a 429 after Retry-After and creates exactly one generation", async () => {
    const generations = count("POST", "/generations");
    const assets = count("POST", "/assets");
    const out = await run(job("busy hour [sandbox:rate_limit_once]"));
    expect((await probeMedia(out.file)).format).toBe("mp4");
    expect(count("POST", "/generations") - generations).toBe(2);
    expect(count("POST", "/assets") - assets).toBe(1);
  });

  it("gives up on a 503 storm as PROVIDER_UNAVAILABLE, not accepted", async () => {
    await expect(run(job("down [sandbox:outage]"), { timeScale: 1 / 2000 })).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", accepted: false });
  });

  it("treats a non-JSON answer as PROVIDER_UNAVAILABLE", async () => {
    await expect(run(job("garbage [sandbox:malformed]"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", message: expect.stringContaining("malformed") });
  });

  it("reports moderation and failures as GENERATION_FAILED with Hedra's reason", async () => {
    await expect(run(job("forbidden [sandbox:moderation]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("content moderation") });
    await expect(run(job("broken [sandbox:fail]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("internal error") });
  });

  it("abandons a generation that never finishes (Hedra has no cancel)", async () => {
    const error = await run(job("forever [sandbox:timeout]"), { timeScale: 1 / 2000 }).catch((e) => e);
    expect(error).toMatchObject({ code: "GENERATION_FAILED", accepted: true, message: expect.stringContaining("did not finish") });
    expect(hedraAdapter.cancel).toBeUndefined();
  });

  it("fails clearly when the result link has expired before the download", async () => {
    await expect(run(job("too late [sandbox:expired_url]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("expired") });
  });
});
