import { createBlackForestLabs } from "@ai-sdk/black-forest-labs";
import { APICallError } from "@ai-sdk/provider";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flux11ProAdapter, fluxKontextAdapter, fluxProAdapter, fluxUltraAdapter } from "@/lib/providers/bfl/adapter";
import type { FakeApp } from "@/lib/providers/sandbox/fake-app";
import { cleanupWorkDirs, runAdapter, testJob } from "../../helpers/vendor";

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
  await cleanupWorkDirs();
});

const provider = () => createBlackForestLabs({ apiKey: "sandbox-bfl-api-key", baseURL: `${server.url}/v1` });
type Files = Parameters<ReturnType<ReturnType<typeof createBlackForestLabs>["image"]>["doGenerate"]>[0]["files"];
const generate = (modelId: string, options: { aspectRatio?: `${number}:${number}`; seed?: number; bfl?: Record<string, unknown>; files?: Files }) =>
  provider()
    .image(modelId)
    .doGenerate({
      prompt: "A lighthouse at dawn",
      n: 1,
      size: undefined,
      aspectRatio: options.aspectRatio,
      seed: options.seed,
      files: options.files,
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

describe("our BFL adapter speaks the same fields as the independent client", () => {
  const png = () =>
    sharp({ create: { width: 64, height: 64, channels: 3, background: "#446688" } })
      .png()
      .toBuffer();
  /** The top-level fields the SDK puts in a submit when every one of its options is set. */
  const sdkFields = async (modelId: string) => {
    await generate(modelId, {
      aspectRatio: modelId === "flux-pro-1.1" ? undefined : "1:1",
      seed: 3,
      files: [{ type: "file", mediaType: "image/png", data: new Uint8Array(await png()) }],
      bfl: {
        width: 512,
        height: 512,
        steps: 20,
        guidance: 3,
        imagePrompt: (await png()).toString("base64"),
        imagePromptStrength: 0.5,
        outputFormat: "png",
        promptUpsampling: true,
        raw: false,
        safetyTolerance: 2,
        webhookUrl: "https://doitong.example/cb",
        webhookSecret: "s",
      },
    });
    return Object.keys(JSON.parse(fake.last("POST", `/v1/${modelId}`)!.body));
  };

  it.each([
    ["flux-pro-1.1", flux11ProAdapter, "flux-1.1-pro"],
    ["flux-pro-1.1-ultra", fluxUltraAdapter, "flux-ultra"],
    ["flux-kontext-pro", fluxKontextAdapter, "flux-kontext"],
  ] as const)("%s: every field our adapter sends is one the SDK sends too", async (modelId, adapter, provider) => {
    const known = await sdkFields(modelId);
    const image = `data:image/png;base64,${(await png()).toString("base64")}`;
    const options = { aspectRatio: "16:9", seed: 5, promptUpsampling: true, safetyTolerance: 2, format: "png", quality: "raw", mode: "pro" };
    await runAdapter(adapter, testJob("IMAGE", `A lighthouse (${provider})`, options, { image }), { baseUrl: server.url, callbackUrl: "https://doitong.example/cb" });
    const ours = Object.keys(JSON.parse(fake.last("POST", `/v1/${modelId}`)!.body));
    expect(ours.filter((k) => !known.includes(k))).toEqual([]);
  });
});
