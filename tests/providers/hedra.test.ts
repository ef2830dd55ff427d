import { firstRates } from "@/tests/helpers/first-prices";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "@/lib/media/probe";
import { hedra } from "@/lib/providers/catalog/hedra";
import { hedraAdapter } from "@/lib/providers/hedra/adapter";
import { pickHedraVoice, reconcileHedra, SPEAKING_PROMPT, toHedraAvatarSubmit, toHedraSpeechSubmit } from "@/lib/providers/hedra/transform";
import { mp3Tone } from "../helpers/media";
import { cleanupWorkDirs, runAdapter, startCallbackReceiver, startVendorFake, testJob, vendorContext, type VendorHarness } from "../helpers/vendor";

let vendor: VendorHarness;
let image: string;
let audio: string;

beforeAll(async () => {
  vendor = await startVendorFake(hedraAdapter);
  const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#cc8866" } })
    .png()
    .toBuffer();
  image = `data:image/png;base64,${png.toString("base64")}`;
  audio = `data:audio/mpeg;base64,${(await mp3Tone(3, 330)).toString("base64")}`; // as a client would send recorded speech
});
afterAll(async () => {
  await vendor.close();
  await cleanupWorkDirs();
});

type Opts = Record<string, string | number>;
const job = (text: string, options: Opts = {}, input: Record<string, string> = {}) =>
  testJob("AVATAR", text, { model: "character-3", aspectRatio: "1:1", resolution: "720p", ...options }, { image, ...input });
const run = (j: ReturnType<typeof job>, extra: { timeScale?: number; credentials?: Record<string, string>; callbackUrl?: string } = {}) =>
  runAdapter(hedraAdapter, j, { baseUrl: vendor.url, ...extra });
const count = (method: string, path: string) => vendor.fake.requests.filter((r) => r.method === method && r.path === path).length;
const AVATAR = "/models/hedra-character-3";
const SPEECH = "/models/elevenlabs-multilingual-v2";
const img = { source: "url" as const, url: "https://files.hedra.example/img" };

describe("Hedra transform (API v3)", () => {
  it.each([
    ["16:9", "540p"],
    ["9:16", "1080p"],
    ["21:9", "720p"],
  ])("aspectRatio %s and resolution %s go into input as given", (aspectRatio, resolution) => {
    const body = toHedraAvatarSubmit(job("hi", { aspectRatio, resolution }), { image: img, audio: { source: "asset", asset_id: "asset_1" }, spoken: true });
    expect(body.input).toEqual({ prompt: SPEAKING_PROMPT, aspect_ratio: aspectRatio, resolution, start_image: img, audio: { source: "asset", asset_id: "asset_1" } });
  });

  it("without audio, the script was voiced by a speech job; duration only when asked; the generation id is the idempotency key", () => {
    const j = job("Welcome aboard.");
    expect(toHedraSpeechSubmit(j, "voice_1")).toEqual({ input: { text: "Welcome aboard.", voice_id: "voice_1" }, idempotency_key: `${j.generationId}:speech` });
    const body = toHedraAvatarSubmit(j, { image: img, audio: { source: "asset", asset_id: "a" }, spoken: true }, "https://doitong.example/cb");
    expect(body).toMatchObject({ webhook: "https://doitong.example/cb", idempotency_key: j.generationId });
    expect(body.input.duration_ms).toBeUndefined();
    expect(toHedraAvatarSubmit(job("x", { duration: 7.5 }), { image: img, audio: { source: "asset", asset_id: "a" }, spoken: true }).input.duration_ms).toBe(7500);
  });

  it("with audio, uses input.text as the prompt and runs as long as the audio (capped by duration)", () => {
    const audioHandle = { source: "url" as const, url: "https://files.hedra.example/aud" };
    const body = toHedraAvatarSubmit(job("smiling, nodding", { duration: 30 }), { image: img, audio: audioHandle, audioSeconds: 3.2, spoken: false });
    expect(body.input).toMatchObject({ prompt: "smiling, nodding", audio: audioHandle, duration_ms: 3200 });
    expect(toHedraAvatarSubmit(job("x", { duration: 2 }), { image: img, audio: audioHandle, audioSeconds: 3.2, spoken: false }).input.duration_ms).toBe(2000);
  });

  it("bills audio without a duration as 30 s, notes an ignored voice, and drops the seed v3 no longer takes", () => {
    const r = reconcileHedra({ resolution: "720p" }, { audio: "https://example.com/a.mp3", voice: "Chloe" });
    expect(r.applied.duration).toBe(30);
    expect(r.warnings).toEqual([expect.stringContaining("billed as 30 s"), expect.stringContaining("voice is ignored")]);
    expect(reconcileHedra({ duration: 12 }, { audio: "https://example.com/a.mp3" }).warnings).toEqual([]);
    const seeded = reconcileHedra({ seed: 4 }, {});
    expect(seeded.applied).not.toHaveProperty("seed");
    expect(seeded.warnings).toEqual([expect.stringContaining("seed is ignored")]);
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
    [{ resolution: "1080p", duration: 10 }, "", 60],
    [{ resolution: "720p" }, "x".repeat(280), 80 + 3], // ~20 s of speech + its text-to-speech
    [{ resolution: "720p" }, "hi", 21], // short clips billed as 5 s, plus the text-to-speech
  ])("prices %j with %s-character text at %d credits", (options, text, credits) => {
    expect(hedra.models.AVATAR!.cost(firstRates(hedra.id, "AVATAR"), options, text)).toBe(credits);
  });
});

describe("Hedra adapter against the fake (API v3)", () => {
  it("uploads the portrait, voices the script with Hedra's first voice, submits the avatar job, polls it and stores a real talking clip", async () => {
    const before = vendor.fake.requests.length;
    const j = job("Hello, I am your sandbox presenter.");
    const out = await run(j);
    const sent = vendor.fake.requests.slice(before);
    const calls = sent.filter((r) => !r.path.startsWith("/_files/")).map((r) => `${r.method} ${r.path.replace(/job_[0-9a-f-]{36}/, "{job}")}`);
    expect(calls.slice(0, 3)).toEqual([`GET ${SPEECH}/voices`, "POST /files", `POST ${SPEECH}`]);
    expect(calls).toContain(`POST ${AVATAR}`);
    expect(calls).toContain("GET /jobs/{job}/status");
    expect(calls.at(-1)).toBe("GET /jobs/{job}");
    // Every API call carries the key as a bearer credential; the presigned links need none.
    expect(sent.filter((r) => !r.path.startsWith("/_files/")).every((r) => r.headers.authorization === "Bearer sandbox-hedra-api-key")).toBe(true);
    const upload = sent.find((r) => r.path === "/files")!;
    expect(upload.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(upload.body).toContain('name="file"; filename="portrait.png"');
    expect(JSON.parse(sent.find((r) => r.path === SPEECH)!.body)).toEqual({
      input: { text: "Hello, I am your sandbox presenter.", voice_id: "voice_5f1c2a43-3c1e-4c3f-9a57-0f8e3b7d1a01" },
      idempotency_key: `${j.generationId}:speech`,
    });
    const submit = JSON.parse(sent.find((r) => r.path === AVATAR)!.body);
    expect(submit).toEqual({
      input: {
        prompt: SPEAKING_PROMPT,
        aspect_ratio: "1:1",
        resolution: "720p",
        start_image: { source: "url", url: expect.stringMatching(/\/_files\//) },
        audio: { source: "asset", asset_id: expect.stringMatching(/^asset_/) },
      },
      idempotency_key: j.generationId,
    });
    const info = await probeMedia(out.file);
    expect(info).toMatchObject({ format: "mp4", width: 480, height: 480, hasAudio: true });
    expect(info.duration).toBeGreaterThan(1);
    expect(out.progress.length).toBeGreaterThan(0);
    expect(out.task!.id).toMatch(/^job_/);
  });

  it("runs the model chosen from the lineup", async () => {
    await run(job("Use the newer model.", { model: "avatar" }));
    expect(vendor.fake.last("POST", "/models/hedra-avatar")).toBeDefined();
  });

  it("uses the voice asked for by name", async () => {
    await run(job("Deep voice please.", {}, { voice: "marcus" }));
    expect(JSON.parse(vendor.fake.last("POST", SPEECH)!.body).input.voice_id).toBe("voice_8b2d6e10-7a4f-4e21-b5c9-2c7d9e4f3b02");
  });

  it("refuses an unknown voice before uploading anything", async () => {
    const uploads = count("POST", "/files");
    const error = await run(job("hi", {}, { voice: "Nobody" })).catch((e) => e);
    expect(error).toMatchObject({ code: "INVALID_INPUT", details: { field: "input.voice" }, message: expect.stringContaining("Chloe") });
    expect(count("POST", "/files")).toBe(uploads);
  });

  it("uploads input.audio with POST /files and makes a clip as long as the audio", async () => {
    const speeches = count("POST", SPEECH);
    const out = await run(job("gentle smile, looking at the camera", { duration: 30, aspectRatio: "16:9", resolution: "540p" }, { audio }));
    const body = JSON.parse(vendor.fake.last("POST", AVATAR)!.body);
    expect(body.input).toMatchObject({ prompt: "gentle smile, looking at the camera", resolution: "540p", aspect_ratio: "16:9", audio: { source: "url" } });
    expect(body.input.duration_ms).toBeGreaterThanOrEqual(2950);
    expect(body.input.duration_ms).toBeLessThanOrEqual(3100);
    expect(count("POST", SPEECH)).toBe(speeches);
    const info = await probeMedia(out.file);
    expect(info).toMatchObject({ format: "mp4", width: 480, height: 270 });
    expect(info.duration).toBeCloseTo(3, 0);
  });

  it("refuses audio longer than the priced duration before uploading anything", async () => {
    const uploads = count("POST", "/files");
    const error = await run(job("talk", { duration: 2 }, { audio })).catch((e) => e);
    expect(error).toMatchObject({ code: "INVALID_INPUT", details: { field: "input.audio" }, message: expect.stringContaining("priced for 2 s") });
    expect(count("POST", "/files")).toBe(uploads);
  });

  it("refuses a wrong key as PROVIDER_UNAVAILABLE without retrying", async () => {
    const before = vendor.fake.requests.length;
    const error = await run(job("who am i"), { credentials: { HEDRA_API_KEY: "wrong" } }).catch((e) => e);
    expect(error).toMatchObject({ code: "PROVIDER_UNAVAILABLE", retryable: false, details: expect.objectContaining({ status: 401, vendorCode: "UNAUTHORIZED" }) });
    expect(vendor.fake.requests.length - before).toBe(1);
  });

  it("maps INVALID_ARGUMENT to INVALID_INPUT naming our field", async () => {
    await expect(run(job("bad [sandbox:invalid]", {}, { audio }))).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringContaining("input.aspect_ratio"),
      details: expect.objectContaining({ field: "options.aspectRatio", vendorCode: "INVALID_ARGUMENT" }),
    });
  });

  it("retries a 429 after retry_after and, thanks to the idempotency key, creates exactly one job", async () => {
    const submits = count("POST", AVATAR);
    const out = await run(job("busy hour [sandbox:rate_limit_once]", { duration: 30 }, { audio }));
    expect((await probeMedia(out.file)).format).toBe("mp4");
    expect(count("POST", AVATAR) - submits).toBe(2);
  });

  it("gives up on a 503 storm as PROVIDER_UNAVAILABLE, not accepted", async () => {
    await expect(run(job("down [sandbox:outage]", { duration: 30 }, { audio }), { timeScale: 1 / 2000 })).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE" });
  });

  it("treats a non-JSON answer as PROVIDER_UNAVAILABLE", async () => {
    await expect(run(job("garbage [sandbox:malformed]", { duration: 30 }, { audio }))).rejects.toMatchObject({
      code: "PROVIDER_UNAVAILABLE",
      message: expect.stringContaining("malformed"),
    });
  });

  it("reports moderation and failures as GENERATION_FAILED with Hedra's reason", async () => {
    await expect(run(job("forbidden [sandbox:moderation]"))).rejects.toMatchObject({
      code: "GENERATION_FAILED",
      message: expect.stringContaining("content moderation"),
      details: expect.objectContaining({ vendorCode: "MODERATION_FAILED" }),
    });
    await expect(run(job("broken [sandbox:fail]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("internal error") });
  });

  it("abandons a job that never finishes (Hedra has no cancel)", async () => {
    const error = await run(job("forever [sandbox:timeout]"), { timeScale: 1 / 2000 }).catch((e) => e);
    expect(error).toMatchObject({ code: "GENERATION_FAILED", accepted: true, message: expect.stringContaining("did not finish") });
    expect(hedraAdapter.cancel).toBeUndefined();
  });

  it("fails clearly when the result link has expired before the download", async () => {
    await expect(run(job("too late [sandbox:expired_url]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("expired") });
  });

  it("sends the webhook URL, accepts Hedra's ed25519-signed delivery and finishes early; a tampered one is refused", async () => {
    const j = job("Call me back.");
    const receiver = await startCallbackReceiver<{ job_id: string; status: string }>(hedraAdapter, j, { baseUrl: vendor.url });
    try {
      const started = Date.now();
      // timeScale 1: the next poll would be 5 s away, so finishing sooner proves the webhook woke the follower.
      const out = await run(j, { timeScale: 1, callbackUrl: receiver.url });
      expect(Date.now() - started).toBeLessThan(9_000);
      expect((await probeMedia(out.file)).format).toBe("mp4");
      expect(JSON.parse(vendor.fake.last("POST", AVATAR)!.body).webhook).toBe(receiver.url);
      const genuine = receiver.calls.find((c) => c.body.status === "COMPLETED")!;
      expect(genuine.authentic).toBe(true);
      expect(genuine.headers.get("x-hedra-webhook-event")).toBe("job.completed");

      const ctx = vendorContext(j, { baseUrl: vendor.url });
      const headers = new Headers(genuine.headers);
      const body = JSON.stringify(genuine.body);
      const check = (h: Headers, b: string) => hedraAdapter.receiveCallback!({ headers: h, body: b, query: new URLSearchParams() }, ctx);
      expect(await check(headers, body.replace("COMPLETED", "FAILED"))).toEqual({ authentic: false });
      const replayed = new Headers(headers);
      replayed.set("x-hedra-webhook-redelivery", "true");
      expect(await check(replayed, body)).toEqual({ authentic: false });
      const stale = new Headers(headers);
      stale.set("x-hedra-webhook-timestamp", String(Math.floor(Date.now() / 1000) - 600));
      expect(await check(stale, body)).toEqual({ authentic: false });
    } finally {
      await receiver.close();
    }
  });
});
