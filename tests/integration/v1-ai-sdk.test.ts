import { createOpenAI } from "@ai-sdk/openai";
import { experimental_generateSpeech as generateSpeech, generateImage } from "ai";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ffprobeBytes } from "../helpers/media";
import { startServer, type TestServer } from "../helpers/server";

// The Vercel AI SDK's OpenAI provider with a custom base URL gets real media from Doitong.
let server: TestServer;
let provider: ReturnType<typeof createOpenAI>;

beforeAll(async () => {
  server = await startServer({ DOITONG_SANDBOX_TASK_MS: "400", DOITONG_SANDBOX_TIME_SCALE: "0.1" });
  const { apiKey } = await server.createAccount({ credits: 100, keyMode: "test" });
  provider = createOpenAI({ apiKey, baseURL: `${server.url}/v1` });
}, 120_000);
afterAll(() => server?.stop());

describe("Vercel AI SDK", () => {
  it("generateImage gets a real image", async () => {
    const { image } = await generateImage({ model: provider.image("flux-pro"), prompt: "A glass of water on a table", size: "1024x1024", maxRetries: 0 });
    const meta = await sharp(Buffer.from(image.uint8Array)).metadata();
    expect(meta.width).toBeGreaterThan(16);
  }, 120_000);

  it("experimental_generateSpeech gets real audio", async () => {
    const { audio } = await generateSpeech({ model: provider.speech("elevenlabs"), text: "Hello from the AI SDK", voice: "nova", maxRetries: 0 });
    expect((await ffprobeBytes(Buffer.from(audio.uint8Array))).duration).toBeGreaterThan(0.3);
  }, 120_000);
});
