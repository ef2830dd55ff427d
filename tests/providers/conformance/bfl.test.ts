import { createBlackForestLabs } from "@ai-sdk/black-forest-labs";
import { APICallError } from "@ai-sdk/provider";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fluxProAdapter } from "@/lib/providers/bfl/adapter";
import type { FakeApp } from "@/lib/providers/sandbox/fake-app";

/**
 * Black Forest Labs publishes no JavaScript client of its own; the most used independent one is Vercel's
 * `@ai-sdk/black-forest-labs` (2.0.41, devDependency), written from BFL's API, not from our notes. It runs here
 * unchanged against our BFL fake (the one test keys use): submit → poll `polling_url` → download the sample,
 * and a rejected request parsed into the SDK's own APICallError.
 */
let fake: FakeApp;
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  fake = fluxProAdapter.createFake!();
  fake.taskMs = 300;
  server = await fake.listen();
});
afterAll(async () => {
  await server.close();
});

const provider = () => createBlackForestLabs({ apiKey: "sandbox-bfl-api-key", baseURL: `${server.url}/v1` });
const generate = (modelId: string, options: { aspectRatio?: `${number}:${number}`; seed?: number; bfl?: Record<string, unknown> }) =>
  provider()
    .image(modelId)
    .doGenerate({
      prompt: "A lighthouse at dawn",
      n: 1,
      size: undefined,
      aspectRatio: options.aspectRatio,
      seed: options.seed,
      files: undefined,
      mask: undefined,
      providerOptions: { blackForestLabs: { pollIntervalMillis: 50, pollTimeoutMillis: 30_000, ...options.bfl } },
      headers: {},
      abortSignal: AbortSignal.timeout(30_000),
    });

describe("@ai-sdk/black-forest-labs 2.0.41 against our BFL fake", () => {
  it.each([
    ["flux-pro-1.1", { seed: 7, bfl: { width: 1024, height: 768, outputFormat: "png" } }, [480, 360]],
    ["flux-pro-1.1-ultra", { aspectRatio: "16:9" as const, bfl: { raw: true, outputFormat: "jpeg" } }, [480, 270]],
    ["flux-kontext-pro", { aspectRatio: "1:1" as const, bfl: { safetyTolerance: 2 } }, [480, 480]],
    ["flux-dev", { bfl: { width: 512, height: 512, steps: 28, guidance: 3 } }, [480, 480]],
  ])("%s: create → poll → the image bytes, as the SDK reads them", async (modelId, options, [width, height]) => {
    const result = await generate(modelId, options);
    const bytes = result.images[0];
    expect(bytes).toBeInstanceOf(Uint8Array);
    const meta = await sharp(Buffer.from(bytes as Uint8Array)).metadata();
    expect([meta.width, meta.height]).toEqual([width, height]);
    expect(fake.last("POST", `/v1/${modelId}`)!.headers["x-key"]).toBe("sandbox-bfl-api-key");
    expect(fake.requests.some((r) => r.path === "/v1/get_result")).toBe(true);
  });

  it("a request BFL rejects (422 with FastAPI detail) reaches the SDK as its APICallError, with the reason", async () => {
    const error = await Promise.resolve(generate("flux-pro-1.1", { bfl: { width: 1000, height: 768 } })).catch((e: unknown) => e);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 422, message: expect.stringContaining("width") });
  });

  it("an unknown model is the SDK's APICallError 404", async () => {
    const error = await Promise.resolve(generate("flux-pro-9", {})).catch((e: unknown) => e);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 404 });
  });
});
