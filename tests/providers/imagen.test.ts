import { decodeJwt, exportPKCS8, generateKeyPair } from "jose";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planForProvider } from "@/lib/generations/plan-generation";
import { FIRST_PRICES, firstRates } from "@/tests/helpers/first-prices";
import { probeMedia } from "@/lib/media/probe";
import { imagenAdapter } from "@/lib/providers/imagen/adapter";
import { IMAGE_LINEUP, imageCost, imageVendorModelId } from "@/lib/providers/imagen/models";
import { geminiImageOutcome, reconcileGeminiImage, toGeminiImageRequest } from "@/lib/providers/imagen/transform";
import { cleanupWorkDirs, runAdapter, startVendorFake, testJob, type RunOptions, type VendorHarness } from "../helpers/vendor";

let vendor: VendorHarness;
let png: string;

beforeAll(async () => {
  vendor = await startVendorFake(imagenAdapter);
  png = `data:image/png;base64,${(
    await sharp({ create: { width: 64, height: 64, channels: 3, background: "#3366cc" } })
      .png()
      .toBuffer()
  ).toString("base64")}`;
});
afterAll(async () => {
  await vendor.close();
  await cleanupWorkDirs();
});

const defaults = { model: "nano-banana-2.1", aspectRatio: "1:1", resolution: "1k" };
const job = (text: string, options: Record<string, string | number | boolean> = {}, input = {}) => testJob("IMAGE", text, { ...defaults, ...options }, input);
const run = (j: ReturnType<typeof job>, extra: Partial<RunOptions> = {}) => runAdapter(imagenAdapter, j, { baseUrl: vendor.url, ...extra });
const calls = () => vendor.fake.requests.filter((r) => r.path.endsWith(":generateContent"));
const vertex = { GOOGLE_VERTEX_PROJECT: "proj-1" };

describe("Google image lineup and transform", () => {
  it.each([
    ["nano-banana-2.1", "gemini-nano-banana-2.1"],
    ["nano-banana-pro", "gemini-3-pro-image"],
    ["nano-banana-2-lite", "gemini-3.1-flash-lite-image"],
    ["nano-banana-2", "gemini-3.1-flash-image"],
  ])("model %s → %s", (model, id) => expect(imageVendorModelId({ model })).toBe(id));

  it("keeps every Imagen 4 id as retired on 2026-08-17 with a current successor, and marks Nano Banana 2 deprecated", () => {
    const byId = Object.fromEntries(IMAGE_LINEUP.models.map((m) => [m.id, m]));
    expect(byId["imagen-4"]).toMatchObject({ vendorModelId: "imagen-4.0-generate-001", status: "RETIRED", sunsetAt: "2026-08-17", successor: "nano-banana-2.1" });
    expect(byId["imagen-4-ultra"]).toMatchObject({ status: "RETIRED", successor: "nano-banana-pro" });
    expect(byId["imagen-4-fast"]).toMatchObject({ status: "RETIRED", successor: "nano-banana-2-lite" });
    expect(byId["nano-banana-2"]).toMatchObject({ status: "DEPRECATED", successor: "nano-banana-2.1" });
  });

  it("asks generateContent for one image with Google's imageConfig, seed and thinking level", () => {
    expect(toGeminiImageRequest(job("a red bicycle", { aspectRatio: "16:9", resolution: "2k", seed: 5, thinking: "high" }))).toEqual({
      contents: [{ role: "user", parts: [{ text: "a red bicycle" }] }],
      generationConfig: { responseModalities: ["IMAGE"], seed: 5, imageConfig: { aspectRatio: "16:9", imageSize: "2K" }, thinkingConfig: { thinkingLevel: "HIGH" } },
    });
    const withImage = toGeminiImageRequest(job("make it night"), { mimeType: "image/png", data: "AAAA" });
    expect(withImage.contents[0].parts).toEqual([{ text: "make it night" }, { inlineData: { mimeType: "image/png", data: "AAAA" } }]);
    expect(withImage.generationConfig).not.toHaveProperty("thinkingConfig");
  });

  it.each([
    ["512 on 2.1", { resolution: "512" }, { resolution: "1k" }, [/512 is not available on nano-banana-2.1/]],
    ["4k on Lite", { model: "nano-banana-2-lite", resolution: "4k" }, { resolution: "1k" }, [/4k is not available/]],
    ["512 on Nano Banana 2", { model: "nano-banana-2", resolution: "512" }, { resolution: "512" }, []],
    ["thinking on Pro", { model: "nano-banana-pro", thinking: "high" }, {}, [/thinking is ignored/]],
    ["medium thinking on Lite", { model: "nano-banana-2-lite", thinking: "medium" }, { thinking: "high" }, [/medium is not offered/]],
  ])("reconciles %s", (_, options, applied, warnings) => {
    const r = reconcileGeminiImage({ ...defaults, ...options });
    expect(r.applied).toMatchObject(applied);
    if ("model" in options && options.model === "nano-banana-pro") expect(r.applied).not.toHaveProperty("thinking");
    expect(r.warnings).toEqual(warnings.map((w) => expect.stringMatching(w)));
  });

  it("refuses an aspect ratio the model does not make (Pro has no 1:8)", () => {
    expect(() => reconcileGeminiImage({ ...defaults, model: "nano-banana-pro", aspectRatio: "1:8" })).toThrow(
      expect.objectContaining({ code: "INVALID_INPUT", details: { field: "options.aspectRatio" } }),
    );
    expect(reconcileGeminiImage({ ...defaults, aspectRatio: "1:8" }).warnings).toEqual([]);
  });

  it("takes the portable quality as Google's thinking level, adjusted per model", () => {
    const plan = (model: string, quality: string) =>
      planForProvider({ type: "IMAGE", provider: "imagen", input: { text: "a poster" }, options: { model, quality } }, "imagen", FIRST_PRICES);
    expect(plan("nano-banana-2.1", "draft").appliedOptions.thinking).toBe("minimal");
    expect(plan("nano-banana-2.1", "standard").appliedOptions.thinking).toBe("medium");
    expect(plan("nano-banana-2-lite", "standard")).toMatchObject({
      appliedOptions: expect.objectContaining({ thinking: "high" }),
      warnings: expect.arrayContaining([expect.stringMatching(/medium is not offered/)]),
    });
    expect(plan("nano-banana-pro", "ultra").appliedOptions).not.toHaveProperty("thinking");
  });

  it("prices per image by model and size", () => {
    expect(imageCost(firstRates("imagen", "IMAGE"), defaults)).toBe(4);
    expect(imageCost(firstRates("imagen", "IMAGE"), { ...defaults, resolution: "4k" })).toBe(12);
    expect(imageCost(firstRates("imagen", "IMAGE"), { model: "nano-banana-pro", resolution: "4k" })).toBe(24);
    expect(imageCost(firstRates("imagen", "IMAGE"), { model: "nano-banana-2", resolution: "512" })).toBe(5);
  });

  it.each([
    [
      "the last non-thought image",
      {
        candidates: [
          {
            content: {
              parts: [{ inlineData: { mimeType: "image/png", data: "AAAA" }, thought: true }, { text: "here" }, { inlineData: { mimeType: "image/jpeg", data: "BBBB" } }],
            },
            finishReason: "STOP",
          },
        ],
      },
      { kind: "image", mimeType: "image/jpeg" },
    ],
    ["a blocked prompt", { promptFeedback: { blockReason: "PROHIBITED_CONTENT" } }, { kind: "blocked", code: "PROHIBITED_CONTENT" }],
    ["a blocked image", { candidates: [{ finishReason: "IMAGE_SAFETY", finishMessage: "filtered" }] }, { kind: "blocked", code: "IMAGE_SAFETY", reason: "filtered" }],
    [
      "text instead of an image",
      { candidates: [{ content: { parts: [{ text: "I can't draw that" }] }, finishReason: "STOP" }] },
      { kind: "none", code: "STOP", reason: "I can't draw that" },
    ],
    ["no image at all", { candidates: [{ finishReason: "NO_IMAGE" }] }, { kind: "none", code: "NO_IMAGE" }],
  ])("reads %s", (_, response, outcome) => expect(geminiImageOutcome(response)).toMatchObject(outcome));
});

describe("Google image adapter against the fake (Gemini API)", () => {
  it("calls generateContent with the API key and writes a real PNG of the asked shape", async () => {
    const out = await run(job("a lighthouse at dusk", { aspectRatio: "16:9" }));
    const req = vendor.fake.last("POST", "/models/gemini-nano-banana-2.1:generateContent")!;
    expect(req.headers["x-goog-api-key"]).toBe("sandbox-gemini-api-key");
    expect(JSON.parse(req.body).generationConfig.imageConfig).toEqual({ aspectRatio: "16:9", imageSize: "1K" });
    expect(out.task).toBeUndefined(); // synchronous: no task to follow
    expect(await probeMedia(out.file)).toMatchObject({ format: "png", width: 480, height: 270 });
  });

  it("sends input.image inline for an edit", async () => {
    await run(testJob("IMAGE", "the same square, at night", defaults, { image: png }));
    const parts = JSON.parse(calls().at(-1)!.body).contents[0].parts;
    expect(parts).toEqual([{ text: "the same square, at night" }, { inlineData: { mimeType: "image/png", data: png.split(",")[1] } }]);
  });

  it("gets Google's 404 for the retired Imagen API, which this provider used to call", async () => {
    const res = await fetch(`${vendor.url}/models/imagen-4.0-generate-001:predict`, { method: "POST", headers: { "x-goog-api-key": "sandbox-gemini-api-key" }, body: "{}" });
    expect(res.status).toBe(404);
    expect((await res.json()).error.status).toBe("NOT_FOUND");
  });

  it("reports Google's safety block (finishReason IMAGE_SAFETY, no image) as GENERATION_FAILED with its message", async () => {
    await expect(run(job("forbidden [sandbox:moderation]"))).rejects.toMatchObject({
      code: "GENERATION_FAILED",
      accepted: true,
      message: expect.stringContaining("Prohibited Use policy"),
      details: expect.objectContaining({ vendorCode: "IMAGE_SAFETY" }),
    });
  });

  it("maps a bad API key (400 API_KEY_INVALID) to PROVIDER_UNAVAILABLE and INVALID_ARGUMENT to INVALID_INPUT, neither retried", async () => {
    const before = calls().length;
    await expect(run(job("x"), { credentials: { GEMINI_API_KEY: "wrong" } })).rejects.toMatchObject({
      code: "PROVIDER_UNAVAILABLE",
      details: expect.objectContaining({ vendorCode: "API_KEY_INVALID" }),
    });
    await expect(run(job("bad [sandbox:invalid]"))).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(calls().length - before).toBe(2);
  });

  it("is refused by the fake as Google refuses a size the model does not make", async () => {
    await expect(run(job("x", { model: "nano-banana-2-lite", resolution: "2k" }))).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringContaining("Unsupported image size: 2K"),
    });
  });

  it("retries a 429 RESOURCE_EXHAUSTED once and then succeeds", async () => {
    const before = calls().length;
    const out = await run(job("busy hour [sandbox:rate_limit_once]"));
    expect(calls().length - before).toBe(2);
    expect(await probeMedia(out.file)).toMatchObject({ format: "png" });
  });

  it.each([
    ["[sandbox:rate_limit]", "rate limiting"],
    ["[sandbox:outage]", "unavailable"],
    ["[sandbox:fail]", "internal error"],
    ["[sandbox:timeout]", "Deadline expired"],
    ["[sandbox:malformed]", "malformed"],
  ])("gives up on %s as PROVIDER_UNAVAILABLE (retryable at Google, not the client's fault)", async (marker, words) => {
    await expect(run(job(`x ${marker}`))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", message: expect.stringContaining(words) });
  });
});

describe("Google image adapter against the fake (Vertex AI)", () => {
  it("uses Vertex AI's global endpoint with a bearer token when the server has a Vertex project", async () => {
    const out = await run(job("a cat", { model: "nano-banana-pro", aspectRatio: "3:4" }), { settings: vertex });
    const req = vendor.fake.last("POST", "/projects/proj-1/locations/global/publishers/google/models/gemini-3-pro-image:generateContent")!;
    expect(req.headers.authorization).toBe("Bearer sandbox-google-vertex-access-token");
    expect(req.headers["x-goog-api-key"]).toBeUndefined();
    expect(await probeMedia(out.file)).toMatchObject({ format: "png", width: 360, height: 480 });
  });

  it("honours IMAGEN_BACKEND and GOOGLE_VERTEX_IMAGE_LOCATION", async () => {
    await run(job("a dog"), { settings: { ...vertex, IMAGEN_BACKEND: "gemini" } });
    expect(calls().at(-1)!.path).toBe("/models/gemini-nano-banana-2.1:generateContent");
    await run(job("a dog"), { settings: { ...vertex, GOOGLE_VERTEX_IMAGE_LOCATION: "us-central1" } });
    expect(calls().at(-1)!.path).toBe("/projects/proj-1/locations/us-central1/publishers/google/models/gemini-nano-banana-2.1:generateContent");
  });

  it("exchanges a service-account key for an OAuth token (RS256 JWT) once and reuses it", async () => {
    const { privateKey } = await generateKeyPair("RS256", { extractable: true });
    const key = {
      type: "service_account",
      client_email: "gen@proj.iam.gserviceaccount.com",
      private_key_id: "k1",
      private_key: await exportPKCS8(privateKey),
      token_uri: `${vendor.url}/token`,
    };
    const settings = { GOOGLE_VERTEX_PROJECT: "proj-2", GOOGLE_APPLICATION_CREDENTIALS_JSON: JSON.stringify(key) };
    const credentials = { GOOGLE_VERTEX_PROJECT: "proj-2" }; // no static token: the key is the only way in
    const tokensBefore = vendor.fake.requests.filter((r) => r.path === "/token").length;
    await run(job("first"), { settings, credentials });
    await run(job("second"), { settings, credentials });
    const tokenCalls = vendor.fake.requests.filter((r) => r.path === "/token");
    expect(tokenCalls.length - tokensBefore).toBe(1);
    const form = new URLSearchParams(tokenCalls.at(-1)!.body);
    expect(form.get("grant_type")).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
    expect(decodeJwt(form.get("assertion")!)).toMatchObject({ iss: key.client_email, aud: key.token_uri, scope: "https://www.googleapis.com/auth/cloud-platform" });
    expect(vendor.fake.last("POST", "/projects/proj-2/")!.headers.authorization).toMatch(/^Bearer ya29\./);
  });

  it("refuses an unusable service-account key before calling Google", async () => {
    const before = vendor.fake.requests.length;
    const error = await run(job("x"), { settings: { ...vertex, GOOGLE_APPLICATION_CREDENTIALS_JSON: '{"client_email":"a@b","private_key":"nope"}' } }).catch((e) => e);
    expect(error).toMatchObject({ code: "PROVIDER_UNAVAILABLE", message: expect.stringContaining("not a usable service-account key") });
    expect(vendor.fake.requests.length).toBe(before);
  });

  it("maps a rejected token (401 UNAUTHENTICATED) to PROVIDER_UNAVAILABLE without retrying", async () => {
    const before = calls().length;
    const error = await run(job("x"), { settings: vertex, credentials: { GOOGLE_VERTEX_PROJECT: "p", GOOGLE_VERTEX_ACCESS_TOKEN: "expired" } }).catch((e) => e);
    expect(error).toMatchObject({ code: "PROVIDER_UNAVAILABLE", retryable: false, details: expect.objectContaining({ vendorCode: "ACCESS_TOKEN_TYPE_UNSUPPORTED" }) });
    expect(calls().length - before).toBe(1);
  });
});
