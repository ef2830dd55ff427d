import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "@/lib/media/probe";
import type { FakeReply } from "@/lib/providers/sandbox/fake-app";
import { renderPreview } from "@/lib/providers/sandbox/preview-media";
import { stableDiffusionAdapter } from "@/lib/providers/stability/adapter";
import { loadVendorContract, type VendorContract } from "../../helpers/openapi-contract";
import { contractProblems, declaredFields, startReplayVendor } from "../../helpers/replay-vendor";
import { cleanupWorkDirs, runAdapter, startVendorFake, testJob, type VendorHarness } from "../../helpers/vendor";

/**
 * Stability publishes no maintained JavaScript client for v2beta (the npm packages named after it are third-party
 * and target v1), so the contract is its published OpenAPI (tests/fixtures/vendors/stability/, see SOURCE.md).
 */
const DIR = "tests/fixtures/vendors/stability";
const responses = JSON.parse(fs.readFileSync(`${DIR}/responses.json`, "utf8")) as Record<string, { status: number; body: Record<string, unknown> }>;
const declared = declaredFields(`${DIR}/openapi.yaml`);
const reply = (name: string): FakeReply => ({ status: responses[name].status, json: responses[name].body });

let contract: VendorContract;
let vendor: VendorHarness;
let png: Buffer;

beforeAll(async () => {
  contract = await loadVendorContract(`${DIR}/openapi.yaml`);
  vendor = await startVendorFake(stableDiffusionAdapter);
  png = (await renderPreview({ kind: "image", prompt: "documented", width: 64, height: 64 })).bytes;
});
afterAll(async () => {
  await vendor.close();
  await cleanupWorkDirs();
});

const job = (text: string, options: Record<string, string | number> = {}) => testJob("IMAGE", text, { model: "core", aspectRatio: "1:1", format: "png", ...options });
const run = (j: ReturnType<typeof job>, baseUrl: string) => runAdapter(stableDiffusionAdapter, j, { baseUrl, timeScale: 1 / 20 });

describe("Stability v2beta contract: what we send", () => {
  it("core, ultra and every SD 3.5 model, with style, negative prompt, seed, shapes and formats, validate against the published schema", async () => {
    vendor.fake.requests.length = 0;
    const cases: Record<string, string | number>[] = [
      { model: "core", style: "cinematic", negativePrompt: "blur", seed: 42, aspectRatio: "16:9", format: "webp" },
      { model: "ultra", style: "anime", aspectRatio: "4:3", format: "jpeg" },
      { model: "sd3.5-large", style: "minimal", negativePrompt: "text", aspectRatio: "9:21" },
      { model: "sd3.5-large-turbo", negativePrompt: "dropped for turbo", aspectRatio: "3:4" },
      { model: "sd3.5-medium", style: "3d", seed: 4294967294, format: "webp" },
    ];
    for (const options of cases) await run(job(`A lighthouse, ${options.model}`, options), vendor.url);
    const sent = vendor.fake.requests.filter((r) => r.method === "POST");
    expect(sent.map((r) => r.path)).toEqual([
      "/v2beta/stable-image/generate/core",
      "/v2beta/stable-image/generate/ultra",
      "/v2beta/stable-image/generate/sd3",
      "/v2beta/stable-image/generate/sd3",
      "/v2beta/stable-image/generate/sd3",
    ]);
    expect(await contractProblems(contract, sent, declared)).toEqual([]);
    for (const r of sent) expect([r.headers.authorization, r.headers.accept]).toEqual(["Bearer sandbox-stability-api-key", "image/*"]);
  });

  it("a field Stability does not take, or a model outside its enum, would not pass (the check can fail)", async () => {
    const form = (fields: Record<string, string>) => {
      const f = new FormData();
      for (const [k, v] of Object.entries(fields)) f.append(k, v);
      return new Response(f);
    };
    const recorded = async (path: string, fields: Record<string, string>) => {
      const res = form(fields);
      return { method: "POST", path, query: {}, headers: { "content-type": res.headers.get("content-type") ?? "", authorization: "Bearer k" }, body: await res.text() };
    };
    const problems = await contractProblems(
      contract,
      [
        await recorded("/v2beta/stable-image/generate/core", { prompt: "x", model: "core" }),
        await recorded("/v2beta/stable-image/generate/sd3", { prompt: "x", model: "sd3.5-flash" }),
      ],
      declared,
    );
    expect(problems).toEqual([expect.stringContaining('field "model" is not in the vendor\'s schema'), expect.stringContaining("must be equal to one of the allowed values")]);
  });
});

describe("Stability v2beta contract: Stability's documented responses", () => {
  it("the documented error bodies fit the schema", () => {
    for (const name of Object.keys(responses)) expect([name, contract.responseErrors("generateCore", responses[name].status, responses[name].body)]).toEqual([name, []]);
  });

  it("a documented 200 (image bytes, finish-reason SUCCESS, seed header) is stored; CONTENT_FILTERED is a moderated result", async () => {
    const ok = await startReplayVendor("Stability", {
      "POST /v2beta/stable-image/generate/:endpoint": [{ status: 200, body: png, headers: { "content-type": "image/png", "finish-reason": "SUCCESS", seed: "343940597" } }],
    });
    const filtered = await startReplayVendor("Stability", {
      "POST /v2beta/stable-image/generate/:endpoint": [{ status: 200, body: png, headers: { "content-type": "image/png", "finish-reason": "CONTENT_FILTERED", seed: "1" } }],
    });
    try {
      const out = await run(job("documented"), ok.url);
      expect((await probeMedia(out.file)).format).toBe("png");
      await expect(run(job("documented"), filtered.url)).rejects.toMatchObject({ code: "GENERATION_FAILED", details: expect.objectContaining({ vendorCode: "CONTENT_FILTERED" }) });
    } finally {
      await ok.close();
      await filtered.close();
    }
  });

  it.each([
    ["error.badRequest", { code: "INVALID_INPUT", message: expect.stringContaining("aspect_ratio"), details: expect.objectContaining({ vendorCode: "bad_request" }) }],
    ["error.unauthorized", { code: "PROVIDER_UNAVAILABLE", retryable: false }],
    ["error.insufficientCredits", { code: "PROVIDER_UNAVAILABLE", message: expect.stringContaining("credits") }],
    ["error.moderation", { code: "GENERATION_FAILED", message: expect.stringContaining("content moderation") }],
    ["error.invalidLanguage", { code: "INVALID_INPUT", message: expect.stringContaining("English") }],
    ["error.internal", { code: "PROVIDER_UNAVAILABLE", retryable: true }],
  ])("documented %s is understood as %j", async (name, expected) => {
    const docs = await startReplayVendor("Stability", { "POST /v2beta/stable-image/generate/:endpoint": [reply(name)] });
    try {
      await expect(runAdapter(stableDiffusionAdapter, job("documented"), { baseUrl: docs.url, timeScale: 1 / 200 })).rejects.toMatchObject(expected);
    } finally {
      await docs.close();
    }
  });

  it("a documented 429 is retried, then the image is made", async () => {
    const docs = await startReplayVendor("Stability", {
      "POST /v2beta/stable-image/generate/:endpoint": [
        reply("error.rateLimited"),
        { status: 200, body: png, headers: { "content-type": "image/png", "finish-reason": "SUCCESS" } },
      ],
    });
    try {
      // The adapter's two-minute limit scales too: at 1/200 it is 600 ms, room for the retry on a loaded machine
      // (1/2000 left 60 ms, and a CI run's 429 and retry took 172).
      const out = await runAdapter(stableDiffusionAdapter, job("documented"), { baseUrl: docs.url, timeScale: 1 / 200 });
      expect(fs.statSync(out.file).size).toBe(png.length);
      expect(docs.app.requests.length).toBe(2);
    } finally {
      await docs.close();
    }
  });
});
