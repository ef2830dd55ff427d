import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "@/lib/media/probe";
import { elevenLabsAdapter } from "@/lib/providers/elevenlabs/adapter";
import { charactersOverLimit, pcmToWav, reconcileElevenLabs, toElevenLabsRequest } from "@/lib/providers/elevenlabs/transform";
import { cleanupWorkDirs, runAdapter, startVendorFake, testJob, vendorContext, type VendorHarness } from "../helpers/vendor";

let vendor: VendorHarness;

beforeAll(async () => {
  vendor = await startVendorFake(elevenLabsAdapter);
});
afterAll(async () => {
  await vendor.close();
  await cleanupWorkDirs();
});

const defaults = { voice: "rachel", emotion: "neutral", speed: 1, model: "multilingual-v2", format: "mp3" };
const job = (text: string, options: Record<string, string | number> = {}, input = {}) => testJob("AUDIO", text, { ...defaults, ...options }, input);
// ElevenLabs answers synchronously; the scale only shortens backoff and the hang deadline.
const run = (j: ReturnType<typeof job>, extra: { timeScale?: number; credentials?: Record<string, string> } = {}) =>
  runAdapter(elevenLabsAdapter, j, { baseUrl: vendor.url, timeScale: extra.timeScale ?? 1 / 20, credentials: extra.credentials });
const submits = () => vendor.fake.requests.filter((r) => r.path.startsWith("/v1/text-to-speech/")).length;

describe("ElevenLabs transform", () => {
  it.each([
    ["multilingual-v2", "eleven_multilingual_v2"],
    ["turbo-v2.5", "eleven_turbo_v2_5"],
    ["flash-v2.5", "eleven_flash_v2_5"],
    ["v3", "eleven_v3"],
  ])("model %s → model_id %s", (model, modelId) => {
    expect(toElevenLabsRequest(job("hi", { model })).body.model_id).toBe(modelId);
  });

  it.each([
    ["rachel", {}, "21m00Tcm4TlvDq8ikWAM"],
    ["Adam", {}, "pNInz6obpgDQGcFmaJgB"],
    ["george", {}, "JBFqnCBsd6RMkjVDRZzb"],
    // Planning resolves input.voice into options.voice (tests/unit/providers/presets.test.ts): that is what is sent.
    ["Josh", { voice: "Josh" }, "TxGEqnHWrfWFTfGW9XjX"],
    ["myClonedVoice1234567", { voice: "myClonedVoice1234567" }, "myClonedVoice1234567"],
  ])("voice option %s with input %j → voice_id %s in the path", (voice, input, voiceId) => {
    expect(toElevenLabsRequest(job("hi", { voice }, input)).voiceId).toBe(voiceId);
  });

  it.each([
    ["neutral", 0.5, 0],
    ["calm", 0.8, 0],
    ["excited", 0.3, 0.6],
    ["sad", 0.6, 0.4],
    ["angry", 0.25, 0.8],
  ])("emotion %s → stability %d, style %d", (emotion, stability, style) => {
    const { voice_settings } = toElevenLabsRequest(job("hi", { emotion, speed: 1.1 })).body;
    expect(voice_settings).toEqual({ stability, style, similarity_boost: 0.75, use_speaker_boost: true, speed: 1.1 });
  });

  it.each([
    ["mp3", "mp3_44100_128"],
    ["wav", "pcm_24000"],
  ])("format %s → output_format %s (a query parameter)", (format, outputFormat) => {
    expect(toElevenLabsRequest(job("hi", { format })).query).toEqual({ output_format: outputFormat });
  });

  it("sends seed and language_code only where the model takes them, and warns when it drops the language", () => {
    expect(toElevenLabsRequest(job("hola", { model: "flash-v2.5", language: "es", seed: 42 })).body).toMatchObject({ language_code: "es", seed: 42 });
    const r = reconcileElevenLabs({ ...defaults, language: "es" });
    expect(r.applied.language).toBeUndefined();
    expect(r.warnings[0]).toMatch(/language is ignored/);
    expect(reconcileElevenLabs({ ...defaults, model: "turbo-v2.5", language: "es" }).warnings).toEqual([]);
  });

  it("knows each model's character limit", () => {
    const text = "a".repeat(10_001);
    expect(charactersOverLimit(text, { model: "multilingual-v2" })).toBe(1);
    expect(charactersOverLimit(text, { model: "flash-v2.5" })).toBe(0);
    expect(charactersOverLimit("a".repeat(40_001), { model: "turbo-v2.5" })).toBe(1);
  });

  it("wraps raw PCM in a WAV header that players understand", async () => {
    const pcm = Buffer.alloc(24_000 * 2); // one second of silence at 24 kHz
    const dir = await mkdtemp(path.join(tmpdir(), "pcm-"));
    const file = path.join(dir, "a.wav");
    await writeFile(file, pcmToWav(pcm));
    const info = await probeMedia(file);
    expect(info).toMatchObject({ format: "wav", duration: 1 });
  });
});

describe("ElevenLabs adapter against the fake", () => {
  it("posts to /v1/text-to-speech/{voice_id} with xi-api-key and output_format in the query, and stores a real MP3", async () => {
    const out = await run(job("Hello from the sandbox.", { emotion: "excited", seed: 7 }));
    const req = vendor.fake.last("POST", "/v1/text-to-speech/")!;
    expect(req.path).toBe("/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM");
    expect(req.query).toEqual({ output_format: "mp3_44100_128" });
    expect(req.headers["xi-api-key"]).toBe("sandbox-elevenlabs-api-key");
    expect(JSON.parse(req.body)).toEqual({
      text: "Hello from the sandbox.",
      model_id: "eleven_multilingual_v2",
      voice_settings: { stability: 0.3, style: 0.6, similarity_boost: 0.75, use_speaker_boost: true, speed: 1 },
      seed: 7,
    });
    const info = await probeMedia(out.file);
    expect(info.format).toBe("mp3");
    expect(info.duration).toBeGreaterThan(0.5);
  });

  it("Eleven v3 gets its stability presets only (the nearest for each emotion) and makes real speech", async () => {
    for (const emotion of ["excited", "calm", "angry", "neutral", "sad"]) {
      const out = await run(job("A storm is coming [whispers] hurry", { model: "v3", emotion }));
      const body = JSON.parse(vendor.fake.last("POST", "/v1/text-to-speech/")!.body);
      expect(body.model_id).toBe("eleven_v3");
      expect([0, 0.5, 1]).toContain(body.voice_settings.stability);
      expect((await probeMedia(out.file)).format).toBe("mp3");
    }
  });

  it("asks for 24 kHz PCM for wav and stores a playable WAV file", async () => {
    const out = await run(job("A wave of sound.", { format: "wav", model: "flash-v2.5", language: "en" }));
    const req = vendor.fake.last("POST", "/v1/text-to-speech/")!;
    expect(req.query.output_format).toBe("pcm_24000");
    expect(JSON.parse(req.body)).toMatchObject({ model_id: "eleven_flash_v2_5", language_code: "en" });
    const bytes = await readFile(out.file);
    expect(bytes.subarray(0, 4).toString("latin1")).toBe("RIFF");
    expect(bytes.readUInt32LE(24)).toBe(24_000);
    const info = await probeMedia(out.file);
    expect(info.format).toBe("wav");
    expect(info.duration).toBeGreaterThan(0.5);
  });

  it("refuses text over the model's limit before sending anything", async () => {
    const before = submits();
    const error = await run(job("a".repeat(10_001))).catch((e) => e);
    expect(error).toMatchObject({ code: "INVALID_INPUT", details: { field: "input.text" } });
    expect(submits()).toBe(before);
  });

  it("maps an unknown voice to INVALID_INPUT on input.voice", async () => {
    // As planned: input.voice, an id of the account's own library, passes through into options.voice.
    const error = await run(job("hi", { voice: "NoSuchVoice000000000" }, { voice: "NoSuchVoice000000000" })).catch((e) => e);
    expect(error).toMatchObject({ code: "INVALID_INPUT", details: expect.objectContaining({ field: "input.voice", vendorCode: "voice_not_found" }) });
  });

  it("maps FastAPI 422 validation errors to INVALID_INPUT naming the field", async () => {
    await expect(run(job("bad [sandbox:invalid]"))).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("voice_settings.stability") });
  });

  it.each([
    ["a wrong key", { ELEVENLABS_API_KEY: "not-a-key" }, "invalid_api_key"],
    ["an exhausted quota", { ELEVENLABS_API_KEY: "sandbox-elevenlabs-exhausted" }, "quota_exceeded"],
  ])("treats %s as PROVIDER_UNAVAILABLE without retrying", async (_, credentials, vendorCode) => {
    const before = submits();
    const error = await run(job("who pays"), { credentials }).catch((e) => e);
    expect(error).toMatchObject({ code: "PROVIDER_UNAVAILABLE", retryable: false, details: expect.objectContaining({ vendorCode }) });
    expect(submits() - before).toBe(1);
  });

  it("retries system_busy after a pause and then succeeds with one synthesis", async () => {
    const before = submits();
    const out = await run(job("busy hour [sandbox:rate_limit_once]"));
    expect((await probeMedia(out.file)).format).toBe("mp3");
    expect(submits() - before).toBe(2);
  });

  it("gives up on too_many_concurrent_requests as PROVIDER_UNAVAILABLE after a few tries", async () => {
    const before = submits();
    const error = await run(job("crowded [sandbox:rate_limit]"), { timeScale: 1 / 1000 }).catch((e) => e);
    expect(error).toMatchObject({ code: "PROVIDER_UNAVAILABLE", details: expect.objectContaining({ vendorCode: "too_many_concurrent_requests" }) });
    expect(submits() - before).toBe(4);
  });

  it("treats a 503 as PROVIDER_UNAVAILABLE, not accepted (safe to fall back)", async () => {
    const error = await run(job("down [sandbox:outage]"), { timeScale: 1 / 1000 }).catch((e) => e);
    expect(error).toMatchObject({ code: "PROVIDER_UNAVAILABLE", accepted: false });
  });

  it("reports a policy refusal as GENERATION_FAILED", async () => {
    await expect(run(job("forbidden [sandbox:moderation]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("usage policy") });
  });

  it("reports an empty 200 as GENERATION_FAILED and HTML as a malformed answer", async () => {
    await expect(run(job("nothing [sandbox:fail]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("no audio") });
    await expect(run(job("garbage [sandbox:malformed]"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", message: expect.stringContaining("malformed") });
  });

  it("abandons a synthesis that never answers as GENERATION_FAILED", async () => {
    const started = Date.now();
    const error = await run(job("forever [sandbox:timeout]"), { timeScale: 1 / 2000 }).catch((e) => e);
    expect(error).toMatchObject({
      code: "GENERATION_FAILED",
      accepted: true,
      details: expect.objectContaining({ reason: "timeout" }),
      message: expect.stringContaining("did not finish within 3 minutes"),
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("lets the caller's cancel through as an abort", async () => {
    const controller = new AbortController();
    const j = job("stop me [sandbox:timeout]");
    const ctx = {
      signal: controller.signal,
      workDir: tmpdir(),
      onProgress: () => undefined,
      vendor: vendorContext(j, { baseUrl: vendor.url }),
      waitForCallback: async () => undefined,
    };
    const pending = elevenLabsAdapter.submit(j, ctx).catch((e) => e);
    setTimeout(() => controller.abort(), 100);
    expect((await pending).name).toBe("AbortError");
  });
});
