import OpenAI, { AuthenticationError, BadRequestError, toFile } from "openai";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { download, ffprobeBytes } from "../helpers/media";
import { startServer, type TestServer } from "../helpers/server";

// The official `openai` npm package (7.x), unchanged, pointed at a started server with a test key: every call
// runs a vendor's built-in fake through the same code as live keys, and the media that comes back is real.
let server: TestServer;
let client: OpenAI;
let testKey: string;
let png: Buffer;

beforeAll(async () => {
  server = await startServer({ DOITONG_SANDBOX_TASK_MS: "400", DOITONG_SANDBOX_TIME_SCALE: "0.1" });
  ({ apiKey: testKey } = await server.createAccount({ credits: 100, keyMode: "test" }));
  client = new OpenAI({ apiKey: testKey, baseURL: `${server.url}/v1`, maxRetries: 0, timeout: 120_000 });
  png = await sharp({ create: { width: 512, height: 512, channels: 3, background: "#2a6f97" } })
    .png()
    .toBuffer();
}, 120_000);
afterAll(() => server?.stop());

async function expectImage(bytes: Buffer) {
  const meta = await sharp(bytes).metadata();
  expect(meta.width).toBeGreaterThan(16);
  expect(["png", "jpeg", "webp"]).toContain(meta.format);
}

describe("openai images", () => {
  for (const model of ["imagen", "flux-pro", "kolors", "auto"]) {
    it(`images.generate on ${model} answers a link to a real image`, async () => {
      const res = await client.images.generate({ model, prompt: "A lighthouse at dawn", size: "1024x1024" });
      expect(res.data).toHaveLength(1);
      const file = await download(res.data![0].url!);
      expect(file.type).toMatch(/^image\//);
      await expectImage(file.bytes);
    }, 120_000);
  }

  it("images.generate with response_format b64_json answers the image inline, with OpenAI's size and quality mapped", async () => {
    const res = await client.images.generate({ model: "local", prompt: "A red fox", response_format: "b64_json", size: "1792x1024", quality: "hd" });
    const bytes = Buffer.from(res.data![0].b64_json!, "base64");
    await expectImage(bytes);
    const meta = await sharp(bytes).metadata();
    expect((meta.width ?? 0) / (meta.height ?? 1)).toBeCloseTo(16 / 9, 1);
    // 1792x1024 is not exactly 16:9: the response says what was adjusted.
    expect((res as unknown as { warnings: string[] }).warnings.join(" ")).toMatch(/16:9 is the nearest/);
  }, 120_000);

  it("images.edit takes the input image as a file (multipart) on a provider that reads one", async () => {
    const res = await client.images.edit({ model: "flux-kontext", image: await toFile(png, "input.png", { type: "image/png" }), prompt: "Make it night" });
    const file = await download(res.data![0].url!);
    await expectImage(file.bytes);
  }, 120_000);

  it("an invalid size is a BadRequestError naming `size`, with our code", async () => {
    const error = await client.images.generate({ model: "local", prompt: "x", size: "huge" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, code: "INVALID_INPUT", param: "size", type: "invalid_request_error" });
  });

  it("an unknown model is a BadRequestError naming `model`", async () => {
    const error = await client.images.generate({ model: "no-such-model", prompt: "x" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: "INVALID_INPUT", param: "model" });
  });

  it("a missing key is an AuthenticationError", async () => {
    const anonymous = new OpenAI({ apiKey: "dk_test_wrong", baseURL: `${server.url}/v1`, maxRetries: 0 });
    await expect(anonymous.images.generate({ prompt: "x" })).rejects.toBeInstanceOf(AuthenticationError);
  });
});

describe("openai speech", () => {
  for (const model of ["elevenlabs", "google-tts", "auto"]) {
    it(`audio.speech.create on ${model} answers real audio bytes`, async () => {
      const res = await client.audio.speech.create({ model, input: "Hello from Doitong", voice: "alloy", response_format: "mp3" });
      expect(res.headers.get("content-type")).toMatch(/^audio\//);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect((await ffprobeBytes(bytes)).duration).toBeGreaterThan(0.3);
      expect(JSON.parse(res.headers.get("x-doitong-warnings") ?? "[]").join(" ")).toMatch(/alloy/);
    }, 120_000);
  }
});

describe("openai videos", () => {
  for (const model of ["kling", "runway", "auto"]) {
    it(`videos.create on ${model} → retrieve until completed → downloadContent is a real MP4`, async () => {
      let video = await client.videos.create({ model, prompt: "A paper boat on a river", seconds: "4", size: "1280x720" });
      expect(video).toMatchObject({ object: "video", status: "queued" });
      const deadline = Date.now() + 100_000;
      while (video.status !== "completed" && video.status !== "failed" && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 500));
        video = await client.videos.retrieve(video.id);
      }
      expect(video.status, JSON.stringify(video)).toBe("completed");
      expect(video.progress).toBe(100);
      const content = await client.videos.downloadContent(video.id);
      const bytes = Buffer.from(await content.arrayBuffer());
      const probe = await ffprobeBytes(bytes);
      expect(probe.duration).toBeGreaterThan(0.3);
      expect(probe.format).toMatch(/mp4/);
      const listed = await client.videos.list({ limit: 10 });
      expect(listed.data.map((v) => v.id)).toContain(video.id);
    }, 150_000);
  }

  it("videos.delete cancels a video still being made", async () => {
    const video = await client.videos.create({ model: "veo", prompt: "A slow sunrise", seconds: "8" });
    const deleted = await client.videos.delete(video.id);
    expect(deleted).toMatchObject({ id: video.id, object: "video.deleted", deleted: true });
    expect((await client.videos.retrieve(video.id)).status).toBe("failed");
  }, 60_000);
});

describe("models and the OpenAPI document", () => {
  it("models.list has auto, provider ids and model ids, owned by their vendors", async () => {
    const ids: Record<string, unknown>[] = [];
    for await (const m of client.models.list()) ids.push(m as unknown as Record<string, unknown>);
    expect(ids.find((m) => m.id === "auto")).toMatchObject({ owned_by: "doitong" });
    expect(ids.find((m) => m.id === "kling")).toMatchObject({ object: "model", type: "video" });
    expect(ids.find((m) => m.id === "elevenlabs")).toMatchObject({ type: "audio" });
  });

  it("/v1/openapi.json is an OpenAPI 3.1 document of every /v1 path, generated from the request schemas", async () => {
    const doc = (await (await fetch(`${server.url}/v1/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(["/audio/speech", "/images/edits", "/images/generations", "/models", "/videos", "/videos/{id}", "/videos/{id}/content"]);
    expect(Object.keys(doc.components.schemas.ImageGenerationRequest.properties ?? {})).toEqual(
      expect.arrayContaining(["prompt", "model", "n", "size", "quality", "response_format"]),
    );
  });
});
