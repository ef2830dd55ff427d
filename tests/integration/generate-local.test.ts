import { createHash } from "node:crypto";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { download, ffprobeBytes } from "../helpers/media";
import { startServer, type TestServer, waitForGeneration } from "../helpers/server";

// Every generation type on the local provider, over real HTTP, checking the bytes a client downloads.
let server: TestServer;
let apiKey: string;

const GENERATE = `mutation($input: GenerateInput!) { generate(input: $input) { id status type provider creditCost estimatedTime progress url } }`;

async function generate(input: Record<string, unknown>) {
  const res = await server.gql<{ generate: { id: string; status: string; provider: string; creditCost: number } }>(GENERATE, { input }, { apiKey });
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.generate;
}

async function generateAndDownload(input: Record<string, unknown>) {
  const accepted = await generate(input);
  expect(accepted.status).toBe("QUEUED");
  expect(accepted.provider).toBe("local");
  const done = await waitForGeneration(server, apiKey, accepted.id);
  expect(done.status, JSON.stringify(done)).toBe("COMPLETED");
  expect(done.progress).toBe(100);
  const file = await download(String(done.url));
  expect(file.status).toBe(200);
  return { done, file, metadata: done.metadata as Record<string, number | string> };
}

beforeAll(async () => {
  server = await startServer();
  ({ apiKey } = await server.createAccount({ plan: "ENTERPRISE", credits: 500 }));
});
afterAll(() => server?.stop());

describe("local provider", () => {
  it("renders a PNG of the asked aspect ratio and resolution, and measures it", async () => {
    const { file, metadata } = await generateAndDownload({
      type: "IMAGE",
      provider: "local",
      input: { text: "A lighthouse at dawn" },
      options: { aspectRatio: "16:9", resolution: "720p", seed: 7 },
    });
    expect(file.type).toBe("image/png");
    expect(file.bytes.subarray(1, 4).toString()).toBe("PNG");
    const meta = await sharp(file.bytes).metadata();
    expect([meta.width, meta.height]).toEqual([1280, 720]);
    expect(metadata).toMatchObject({ width: 1280, height: 720, format: "png", size: file.bytes.length, resolution: "1280x720" });
  });

  it("gives the same bytes for the same seed and different bytes for another", async () => {
    const input = (seed: number) => ({ type: "IMAGE", input: { text: "Same seed" }, options: { seed, resolution: "480p", format: "jpeg" } });
    const [a, b, c] = await Promise.all([generateAndDownload(input(42)), generateAndDownload(input(42)), generateAndDownload(input(43))]);
    const hash = (x: Buffer) => createHash("sha256").update(x).digest("hex");
    expect(a.file.type).toBe("image/jpeg");
    expect(hash(a.file.bytes)).toBe(hash(b.file.bytes));
    expect(hash(a.file.bytes)).not.toBe(hash(c.file.bytes));
  });

  it("speaks the text as MP3 and as WAV, slower speech lasting longer", async () => {
    const text = "Welcome to the future of artificial intelligence.";
    const [mp3, wav, fast] = await Promise.all([
      generateAndDownload({ type: "AUDIO", input: { text }, options: { format: "mp3" } }),
      generateAndDownload({ type: "AUDIO", provider: "local", input: { text, voice: "rachel" }, options: { format: "wav" } }),
      generateAndDownload({ type: "AUDIO", input: { text }, options: { format: "mp3", speed: 2 } }),
    ]);
    expect(mp3.file.type).toBe("audio/mpeg");
    expect(wav.file.bytes.subarray(0, 4).toString()).toBe("RIFF");
    const [p1, p2, p3] = await Promise.all([ffprobeBytes(mp3.file.bytes), ffprobeBytes(wav.file.bytes), ffprobeBytes(fast.file.bytes)]);
    expect(p1.audioCodec).toBe("mp3");
    expect(p1.duration).toBeGreaterThan(1.5);
    expect(p2.duration).toBeGreaterThan(1.5);
    expect(p3.duration).toBeLessThan(p1.duration * 0.8);
    expect(Number(mp3.metadata.duration)).toBeCloseTo(p1.duration, 1);
  });

  it("renders an H.264 MP4 of the requested duration and resolution", async () => {
    const { file, metadata } = await generateAndDownload({
      type: "VIDEO",
      input: { text: "A serene mountain landscape at sunset" },
      options: { duration: 3, resolution: "480p", aspectRatio: "9:16", style: "cinematic" },
    });
    expect(file.type).toBe("video/mp4");
    const probe = await ffprobeBytes(file.bytes);
    expect(probe.videoCodec).toBe("h264");
    expect([probe.width, probe.height]).toEqual([480, 854]);
    expect(Math.abs(probe.duration - 3)).toBeLessThan(0.15);
    expect(metadata).toMatchObject({ width: 480, height: 854, format: "mp4" });
    expect(Math.abs(Number(metadata.duration) - 3)).toBeLessThan(0.15);
  });

  it("renders a talking avatar whose audio track is the spoken text", async () => {
    const { file, metadata } = await generateAndDownload({
      type: "AVATAR",
      input: { text: "Hello, I'm your AI assistant", voice: "professional_female" },
      options: { resolution: "480p", aspectRatio: "1:1" },
    });
    const probe = await ffprobeBytes(file.bytes);
    expect(probe.videoCodec).toBe("h264");
    expect(probe.audioCodec).toBe("aac");
    expect([probe.width, probe.height]).toEqual([480, 480]);
    expect(probe.duration).toBeGreaterThan(1);
    expect(metadata.hasAudio).toBe(true);
  });

  it("charges exactly the reserved cost once a generation completes", async () => {
    const me = `{ me { credits { balance reserved } } }`;
    const before = (await server.gql<{ me: { credits: { balance: number; reserved: number } } }>(me, {}, { apiKey })).body.data!.me.credits;
    const g = await generate({ type: "VIDEO", input: { text: "Cost check" }, options: { duration: 2, resolution: "480p" } });
    expect(g.creditCost).toBeGreaterThan(0);
    const during = (await server.gql<{ me: { credits: { balance: number; reserved: number } } }>(me, {}, { apiKey })).body.data!.me.credits;
    expect(during.balance).toBe(before.balance - g.creditCost);
    await waitForGeneration(server, apiKey, g.id);
    const after = (await server.gql<{ me: { credits: { balance: number; reserved: number } } }>(me, {}, { apiKey })).body.data!.me.credits;
    expect(after).toEqual({ balance: before.balance - g.creditCost, reserved: before.reserved });
  });
});
