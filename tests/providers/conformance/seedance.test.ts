import { createByteDance } from "@ai-sdk/bytedance";
import { APICallError } from "@ai-sdk/provider";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ffprobeBytes } from "../../helpers/media";
import type { FakeApp } from "@/lib/providers/sandbox/fake-app";
import { seedanceAdapter } from "@/lib/providers/seedance/adapter";
import { cleanupWorkDirs, runAdapter, testJob } from "../../helpers/vendor";
import { SEEDANCE_MODEL_IDS } from "@/lib/providers/seedance/transform";

/**
 * BytePlus publishes no JavaScript SDK for ModelArk's video API on npm; Vercel's `@ai-sdk/bytedance` (1.0.29,
 * devDependency) is an independent client of the same `POST /contents/generations/tasks` API. It runs here
 * unchanged against our Seedance fake (the one test keys use): create → poll → the video bytes, and a refused
 * request parsed into the SDK's own APICallError.
 */
let fake: FakeApp;
let server: { url: string; close(): Promise<void> };
let png: Uint8Array;

beforeAll(async () => {
  fake = seedanceAdapter.createFake!();
  fake.taskMs = 300;
  server = await fake.listen();
  png = new Uint8Array(
    await sharp({ create: { width: 64, height: 64, channels: 3, background: "#3366aa" } })
      .png()
      .toBuffer(),
  );
});
afterAll(async () => {
  await server.close();
  await cleanupWorkDirs();
});

type Call = Parameters<ReturnType<ReturnType<typeof createByteDance>["video"]>["doGenerate"]>[0];

const generate = (modelId: string, options: Partial<Call>) =>
  createByteDance({ apiKey: "sandbox-ark-api-key", baseURL: server.url })
    .video(modelId)
    .doGenerate({
      prompt: "A paper boat drifting down a rainy street",
      n: 1,
      aspectRatio: undefined,
      resolution: undefined,
      duration: undefined,
      fps: undefined,
      seed: undefined,
      image: undefined,
      headers: {},
      abortSignal: AbortSignal.timeout(30_000),
      ...options,
      providerOptions: { bytedance: { pollIntervalMs: 50, pollTimeoutMs: 30_000, watermark: false, ...(options.providerOptions?.bytedance ?? {}) } },
    } as Call);

const videoBytes = async (result: Awaited<ReturnType<typeof generate>>) => {
  const video = result.videos[0];
  if (video.type !== "url") throw new Error(`expected a video URL, got ${video.type}`);
  return Buffer.from(await (await fetch(video.url)).arrayBuffer());
};

describe("@ai-sdk/bytedance 1.0.29 against our Seedance (ModelArk) fake", () => {
  it("Seedance 1.0 Pro text-to-video: create → poll → the mp4 bytes at the asked shape and length", async () => {
    const result = await generate(SEEDANCE_MODEL_IDS.pro, {
      aspectRatio: "16:9",
      resolution: "1920x1080",
      duration: 5,
      seed: 11,
      providerOptions: { bytedance: { cameraFixed: true } },
    });
    const probe = await ffprobeBytes(await videoBytes(result));
    expect(Number(probe.width) / Number(probe.height)).toBeCloseTo(16 / 9, 1);
    expect(probe.duration).toBeCloseTo(5, 0);
    const sent = JSON.parse(fake.last("POST", "/contents/generations/tasks")!.body);
    expect(sent).toMatchObject({ model: SEEDANCE_MODEL_IDS.pro, ratio: "16:9", duration: 5, seed: 11, camera_fixed: true, watermark: false });
    expect(fake.last("POST", "/contents/generations/tasks")!.headers.authorization).toBe("Bearer sandbox-ark-api-key");
    expect(result.providerMetadata?.bytedance).toMatchObject({ taskId: expect.stringMatching(/^cgt-/) });
  });

  it("Seedance 1.0 Lite image-to-video takes the start frame as a data URI", async () => {
    const result = await generate(SEEDANCE_MODEL_IDS["lite-i2v"], { image: { type: "file", mediaType: "image/png", data: png }, duration: 5, aspectRatio: "1:1" });
    expect((await ffprobeBytes(await videoBytes(result))).duration).toBeGreaterThan(4);
    const content = JSON.parse(fake.last("POST", "/contents/generations/tasks")!.body).content;
    expect(content[1]).toMatchObject({ type: "image_url", image_url: { url: expect.stringMatching(/^data:image\/png;base64,/) } });
  });

  it("Seedance 1.5 Pro (BytePlus's mainline model, in the SDK's model list) runs against the fake too", async () => {
    const result = await generate(SEEDANCE_MODEL_IDS["1.5-pro"], { aspectRatio: "9:16", duration: 4, providerOptions: { bytedance: { generateAudio: false } } });
    const probe = await ffprobeBytes(await videoBytes(result));
    expect(Number(probe.height)).toBeGreaterThan(Number(probe.width));
    expect(JSON.parse(fake.last("POST", "/contents/generations/tasks")!.body)).toMatchObject({ model: "seedance-1-5-pro-251215", generate_audio: false });
  });

  it("a parameter Ark refuses (400 InvalidParameter) reaches the SDK as its APICallError, with Ark's message", async () => {
    const error = await Promise.resolve(generate(SEEDANCE_MODEL_IDS.pro, { prompt: "bad [sandbox:invalid]" })).catch((e: unknown) => e);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 400, message: expect.stringContaining("ratio") });
  });

  it("a failed task is the SDK's own generation-failed error", async () => {
    await expect(generate(SEEDANCE_MODEL_IDS.pro, { prompt: "broken [sandbox:fail]" })).rejects.toMatchObject({ name: "BYTEDANCE_VIDEO_GENERATION_FAILED" });
  });
});

describe("our Seedance adapter speaks the same fields as the independent client", () => {
  it.each([["pro"], ["1.5-pro"]])("model %s: every top-level field we send is one the SDK sends (callback_url aside)", async (model) => {
    const modelId = model === "pro" ? SEEDANCE_MODEL_IDS.pro : SEEDANCE_MODEL_IDS["1.5-pro"];
    await generate(modelId, {
      image: { type: "file", mediaType: "image/png", data: png },
      aspectRatio: "16:9",
      resolution: "1280x720",
      duration: 5,
      seed: 9,
      providerOptions: { bytedance: { watermark: false, cameraFixed: true, generateAudio: false, lastFrameImage: `data:image/png;base64,${Buffer.from(png).toString("base64")}` } },
    });
    const sdk = JSON.parse(fake.last("POST", "/contents/generations/tasks")!.body) as Record<string, unknown>;
    const image = `data:image/png;base64,${Buffer.from(png).toString("base64")}`;
    await runAdapter(
      seedanceAdapter,
      testJob("VIDEO", "A paper boat", { model, duration: 5, resolution: "720p", aspectRatio: "16:9", seed: 9, cameraFixed: true }, { image, endImage: image }),
      {
        baseUrl: server.url,
        callbackUrl: "https://doitong.example/cb",
      },
    );
    const ours = JSON.parse(fake.last("POST", "/contents/generations/tasks")!.body) as Record<string, unknown>;
    // callback_url is documented by BytePlus for task creation; the SDK simply does not offer it.
    expect(Object.keys(ours).filter((k) => !(k in sdk) && k !== "callback_url")).toEqual([]);
    const roles = (body: Record<string, unknown>) => (body.content as { type: string; role?: string }[]).map((c) => `${c.type}:${c.role ?? ""}`);
    expect(roles(ours)).toEqual(roles(sdk));
  });
});
