import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstRates } from "@/tests/helpers/first-prices";
import { probeMedia } from "@/lib/media/probe";
import { googleTtsAdapter } from "@/lib/providers/google-tts/adapter";
import { googleTtsCost, reconcileGoogleTts, synthesisInput, toSynthesizeRequest } from "@/lib/providers/google-tts/transform";
import type { GenerationJob } from "@/lib/providers/types";
import { cleanupWorkDirs, runAdapter, startVendorFake, testJob, type RunOptions, type VendorHarness } from "../helpers/vendor";

let vendor: VendorHarness;

beforeAll(async () => {
  vendor = await startVendorFake(googleTtsAdapter);
});
afterAll(async () => {
  await vendor.close();
  await cleanupWorkDirs();
});

const defaults = { voice: "en-US-Wavenet-D", speed: 1, pitch: 0, volume: 0, emotion: "neutral", format: "mp3" };
const job = (text: string, options: Record<string, string | number> = {}, input = {}) => testJob("AUDIO", text, { ...defaults, ...options }, input);
const run = (j: ReturnType<typeof job>, extra: Partial<RunOptions> = {}) => runAdapter(googleTtsAdapter, j, { baseUrl: vendor.url, ...extra });
const calls = () => vendor.fake.requests.filter((r) => r.path === "/v1/text:synthesize");
const sent = () => JSON.parse(calls().at(-1)!.body);
/** What the planner hands to reconcile: the client's input, text included. */
const planned = (text: string, extra: Partial<GenerationJob["input"]> = {}): GenerationJob["input"] => ({ text, ...extra }) as GenerationJob["input"];

describe("Google TTS transform", () => {
  it.each([
    ["en-US-Wavenet-D", "en-US"],
    ["en-GB-Neural2-A", "en-GB"],
    ["cmn-CN-Wavenet-A", "cmn-CN"],
    ["en-US-Chirp3-HD-Charon", "en-US"],
  ])("voice %s → languageCode %s", (voice, languageCode) => {
    expect(toSynthesizeRequest(job("hi", { voice })).voice).toEqual({ languageCode, name: voice });
  });

  it("sends the voice planning resolved into the voice option (input.voice, a name or a portable preset, lands there)", () => {
    expect(toSynthesizeRequest(job("hi", { voice: "de-DE-Wavenet-B" }, { voice: "german_male" })).voice).toEqual({ languageCode: "de-DE", name: "de-DE-Wavenet-B" });
  });

  it.each([
    ["mp3", "MP3"],
    ["wav", "LINEAR16"],
    ["ogg", "OGG_OPUS"],
  ])("format %s → audioEncoding %s, with speed, pitch and volume under Google's names", (format, audioEncoding) => {
    expect(toSynthesizeRequest(job("hi", { format, speed: 1.5, pitch: -3, volume: 4 })).audioConfig).toEqual({ audioEncoding, speakingRate: 1.5, pitch: -3, volumeGainDb: 4 });
  });

  it.each([
    ["Hello there", "neutral", { text: "Hello there" }],
    ['<speak>Hello <break time="1s"/> there</speak>', "neutral", { ssml: '<speak>Hello <break time="1s"/> there</speak>' }],
    ["Tom & Jerry <3", "excited", { ssml: '<speak><prosody rate="112%" pitch="+2st" volume="+2dB">Tom &amp; Jerry &lt;3</prosody></speak>' }],
    ['<speak version="1.1">Goodbye</speak>', "sad", { ssml: '<speak version="1.1"><prosody rate="85%" pitch="-2st" volume="-3dB">Goodbye</prosody></speak>' }],
  ])("%j with emotion %s → %j", (text, emotion, input) => {
    expect(synthesisInput(text, { emotion })).toEqual(input);
  });

  it("refuses text over 5,000 bytes before anything is spent, counting bytes (not characters) as sent", () => {
    const euros = "€".repeat(1700); // 1,700 characters, 5,100 bytes
    expect(() => reconcileGoogleTts(defaults, planned(euros))).toThrow(expect.objectContaining({ code: "INVALID_INPUT", details: { field: "input.text" } }));
    const nearly = "a".repeat(4_990);
    expect(reconcileGoogleTts(defaults, planned(nearly)).warnings).toEqual([]);
    // The prosody an emotion adds is part of what Google counts.
    expect(() => reconcileGoogleTts({ ...defaults, emotion: "calm" }, planned(nearly))).toThrow(/5000 bytes/);
  });

  it("refuses a voice name without a language, naming the field the client used", () => {
    expect(() => reconcileGoogleTts({ ...defaults, voice: "rachel" }, planned("hi", { voice: "rachel" }))).toThrow(expect.objectContaining({ details: { field: "input.voice" } }));
    expect(() => reconcileGoogleTts({ ...defaults, voice: "Wavenet" }, planned("hi"))).toThrow(expect.objectContaining({ details: { field: "options.voice" } }));
  });

  it("prices the voice planning resolved from input.voice and drops pitch on Chirp 3 HD voices with a warning", () => {
    const r = reconcileGoogleTts({ ...defaults, voice: "en-US-Chirp3-HD-Charon", pitch: 4 }, planned("hi", { voice: "en-US-Chirp3-HD-Charon" }));
    expect(r.applied).toMatchObject({ voice: "en-US-Chirp3-HD-Charon", pitch: 0 });
    expect(r.warnings).toEqual([expect.stringContaining("pitch is ignored")]);
  });

  it.each([
    ["en-US-Wavenet-D", 1_000, 1],
    ["en-US-Standard-A", 5_000, 2],
    ["en-US-Neural2-F", 5_000, 8],
    ["en-US-Chirp3-HD-Charon", 1_000, 3],
    ["en-US-Studio-O", 1_000, 16],
  ])("prices %s for %s characters at %s credits", (voice, chars, credits) => {
    expect(googleTtsCost(firstRates("google-tts", "AUDIO"), { ...defaults, voice }, "a".repeat(chars))).toBe(credits);
  });
});

describe("Google TTS adapter against the fake", () => {
  it("synthesizes with ?key=, Google's field names, and writes a real MP3", async () => {
    const out = await run(job("Hello from the sandbox", { voice: "en-GB-Neural2-A", speed: 1.25, pitch: -2, volume: 3 }));
    const call = calls().at(-1)!;
    expect(call.query).toEqual({ key: "sandbox-google-tts-api-key" });
    expect(call.headers.authorization).toBeUndefined();
    expect(sent()).toEqual({
      input: { text: "Hello from the sandbox" },
      voice: { languageCode: "en-GB", name: "en-GB-Neural2-A" },
      audioConfig: { audioEncoding: "MP3", speakingRate: 1.25, pitch: -2, volumeGainDb: 3 },
    });
    const info = await probeMedia(out.file);
    expect(info.format).toBe("mp3");
    expect(info.duration).toBeGreaterThan(0.5);
  });

  it.each([
    ["wav", "wav", "pcm_s16le"],
    ["ogg", "ogg", "opus"],
  ])("returns %s as a real %s file (%s)", async (format, container, codec) => {
    const out = await run(job("Format check", { format }));
    expect(out.file.endsWith(`.${format}`)).toBe(true);
    expect(await probeMedia(out.file)).toMatchObject({ format: container, audioCodec: codec });
  });

  it("sends SSML as input.ssml and an emotion as prosody", async () => {
    await run(job('<speak>Wait <break time="300ms"/> for it</speak>', { emotion: "excited" }));
    expect(sent().input).toEqual({ ssml: '<speak><prosody rate="112%" pitch="+2st" volume="+2dB">Wait <break time="300ms"/> for it</prosody></speak>' });
  });

  it("uses an OAuth bearer when the server has no API key", async () => {
    await run(job("Token please"), { credentials: { GOOGLE_VERTEX_ACCESS_TOKEN: "ya29.test-token" } });
    expect(calls().at(-1)!.headers.authorization).toBe("Bearer ya29.test-token");
    expect(calls().at(-1)!.query).toEqual({});
  });

  it("maps a bad API key (Google's 400 API_KEY_INVALID) to PROVIDER_UNAVAILABLE, not the client's input", async () => {
    const error = await run(job("x"), { credentials: { GOOGLE_TTS_API_KEY: "wrong" } }).catch((e) => e);
    expect(error).toMatchObject({ code: "PROVIDER_UNAVAILABLE", retryable: false, details: expect.objectContaining({ vendorCode: "API_KEY_INVALID" }) });
  });

  it("maps INVALID_ARGUMENT to INVALID_INPUT without retrying", async () => {
    const before = calls().length;
    await expect(run(job("bad [sandbox:invalid]"))).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("invalid argument") });
    expect(calls().length - before).toBe(1);
  });

  it("never sends text over 5,000 bytes, even for a job planned without the catalog", async () => {
    const before = calls().length;
    await expect(run(job("€".repeat(1700)))).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(calls().length).toBe(before);
  });

  it("retries a 429 RESOURCE_EXHAUSTED and then succeeds", async () => {
    const before = calls().length;
    const out = await run(job("busy hour [sandbox:rate_limit_once]"));
    expect(calls().length - before).toBe(2);
    expect((await probeMedia(out.file)).format).toBe("mp3");
  });

  it.each([
    ["[sandbox:rate_limit]", "rate limiting"],
    ["[sandbox:outage]", "unavailable"],
    ["[sandbox:fail]", "Internal error"],
    ["[sandbox:malformed]", "malformed"],
  ])("gives up on %s as PROVIDER_UNAVAILABLE", async (marker, words) => {
    await expect(run(job(`x ${marker}`))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", message: expect.stringContaining(words) });
  });
});
