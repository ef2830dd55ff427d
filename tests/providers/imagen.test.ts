import { decodeJwt, exportPKCS8, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "@/lib/media/probe";
import { imagenAdapter } from "@/lib/providers/imagen/adapter";
import { imagenModel, imagenResult, reconcileImagen, toImagenRequest } from "@/lib/providers/imagen/transform";
import { cleanupWorkDirs, runAdapter, startVendorFake, testJob, type RunOptions, type VendorHarness } from "../helpers/vendor";

let vendor: VendorHarness;

beforeAll(async () => {
  vendor = await startVendorFake(imagenAdapter);
});
afterAll(async () => {
  await vendor.close();
  await cleanupWorkDirs();
});

const defaults = { model: "imagen-4", aspectRatio: "1:1", resolution: "1k", watermark: true, enhancePrompt: true, personGeneration: "allow_adult", safetySetting: "block_medium_and_above", format: "png" };
const job = (text: string, options: Record<string, string | number | boolean> = {}) => testJob("IMAGE", text, { ...defaults, ...options });
const run = (j: ReturnType<typeof job>, extra: Partial<RunOptions> = {}) => runAdapter(imagenAdapter, j, { baseUrl: vendor.url, ...extra });
const predicts = () => vendor.fake.requests.filter((r) => r.path.endsWith(":predict"));

describe("Imagen transform", () => {
  it.each([
    ["imagen-4", "imagen-4.0-generate-001", "2k", "2K"],
    ["imagen-4-ultra", "imagen-4.0-ultra-generate-001", "1k", "1K"],
    ["imagen-4-fast", "imagen-4.0-fast-generate-001", "1k", undefined],
  ])("model %s → %s; resolution %s → sampleImageSize %s", (model, id, resolution, size) => {
    expect(imagenModel({ model })).toBe(id);
    expect(toImagenRequest(job("x", { model, resolution })).parameters.sampleImageSize).toBe(size);
  });

  it("sends every parameter under Vertex AI's names, one image, and asks for the filter's reason", () => {
    expect(toImagenRequest(job("a red bicycle", { aspectRatio: "16:9", personGeneration: "dont_allow", safetySetting: "block_only_high", format: "jpeg", enhancePrompt: false }))).toEqual({
      instances: [{ prompt: "a red bicycle" }],
      parameters: {
        sampleCount: 1,
        aspectRatio: "16:9",
        sampleImageSize: "1K",
        enhancePrompt: false,
        personGeneration: "dont_allow",
        safetySetting: "block_only_high",
        addWatermark: true,
        includeRaiReason: true,
        outputOptions: { mimeType: "image/jpeg" },
      },
    });
  });

  it("sends the seed only with the watermark off", () => {
    expect(toImagenRequest(job("x", { seed: 5, watermark: false })).parameters).toMatchObject({ seed: 5, addWatermark: false });
    expect(toImagenRequest(job("x", { seed: 5 })).parameters).not.toHaveProperty("seed");
  });

  it.each([
    ["a seed the planner chose, watermark on", { seed: 1 }, undefined, { watermark: true }, false, []],
    ["a seed the client chose", { seed: 1 }, ["seed"], { watermark: false, seed: 1 }, true, [/turns off Google's SynthID watermark/]],
    ["a client seed with watermark asked for", { seed: 1 }, ["seed", "watermark"], { watermark: true }, false, [/seed is ignored/]],
    ["watermark off", { seed: 1, watermark: false }, undefined, { watermark: false, seed: 1 }, true, []],
    ["2k on Fast", { model: "imagen-4-fast", resolution: "2k", watermark: false }, undefined, { resolution: "1k" }, false, [/2k is not available on Imagen 4 Fast/]],
  ])("reconciles %s", (_, options, explicit, applied, keepsSeed, warnings) => {
    const r = reconcileImagen({ ...defaults, ...options }, {}, explicit && new Set(explicit));
    expect(r.applied).toMatchObject(applied);
    expect("seed" in r.applied).toBe(keepsSeed);
    expect(r.warnings).toEqual(warnings.map((w) => expect.stringMatching(w)));
  });

  it("reads the first image, or the safety filter's reason when none came back", () => {
    expect(imagenResult([{ raiFilteredReason: "filtered" }, { bytesBase64Encoded: "AAAA", mimeType: "image/jpeg" }])).toMatchObject({ mimeType: "image/jpeg" });
    expect(imagenResult([{ raiFilteredReason: "Support codes: 1" }])).toEqual({ filtered: "Support codes: 1" });
    expect(imagenResult(undefined)).toEqual({ filtered: "no image was returned" });
  });
});

describe("Imagen adapter against the fake", () => {
  it("predicts on the project's model with a bearer token and writes a real PNG of the asked shape", async () => {
    const out = await run(job("a lighthouse at dusk", { model: "imagen-4-ultra", aspectRatio: "16:9" }));
    const req = vendor.fake.last("POST", "/projects/sandbox-google-vertex-project/locations/us-central1/publishers/google/models/imagen-4.0-ultra-generate-001:predict")!;
    expect(req.headers.authorization).toBe("Bearer sandbox-google-vertex-access-token");
    expect(JSON.parse(req.body).parameters).toMatchObject({ sampleCount: 1, aspectRatio: "16:9", sampleImageSize: "1K", addWatermark: true });
    expect(out.task).toBeUndefined(); // synchronous: no task to follow
    expect(await probeMedia(out.file)).toMatchObject({ format: "png", width: 480, height: 262 });
  });

  it("uses GOOGLE_VERTEX_LOCATION and returns JPEG when asked", async () => {
    const out = await run(job("a cat", { format: "jpeg", aspectRatio: "3:4" }), { settings: { GOOGLE_VERTEX_LOCATION: "europe-west4" } });
    expect(vendor.fake.last("POST", "/projects/sandbox-google-vertex-project/locations/europe-west4/")).toBeDefined();
    expect(out.file).toMatch(/imagen\.jpg$/);
    expect(await probeMedia(out.file)).toMatchObject({ format: "jpeg", width: 336, height: 480 });
  });

  it("exchanges a service-account key for an OAuth token (RS256 JWT) once and reuses it", async () => {
    const { privateKey } = await generateKeyPair("RS256", { extractable: true });
    const key = { type: "service_account", client_email: "gen@proj.iam.gserviceaccount.com", private_key_id: "k1", private_key: await exportPKCS8(privateKey), token_uri: `${vendor.url}/token` };
    const settings = { GOOGLE_APPLICATION_CREDENTIALS_JSON: JSON.stringify(key) };
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
    const error = await run(job("x"), { settings: { GOOGLE_APPLICATION_CREDENTIALS_JSON: '{"client_email":"a@b","private_key":"nope"}' } }).catch((e) => e);
    expect(error).toMatchObject({ code: "PROVIDER_UNAVAILABLE", message: expect.stringContaining("not a usable service-account key") });
    expect(vendor.fake.requests.length).toBe(before);
  });

  it("maps a rejected token (401 UNAUTHENTICATED) to PROVIDER_UNAVAILABLE without retrying", async () => {
    const before = predicts().length;
    const error = await run(job("x"), { credentials: { GOOGLE_VERTEX_PROJECT: "p", GOOGLE_VERTEX_ACCESS_TOKEN: "expired" } }).catch((e) => e);
    expect(error).toMatchObject({ code: "PROVIDER_UNAVAILABLE", retryable: false, details: expect.objectContaining({ vendorCode: "ACCESS_TOKEN_TYPE_UNSUPPORTED" }) });
    expect(predicts().length - before).toBe(1);
  });

  it("reports an image removed by the safety filter (no predictions) as GENERATION_FAILED with Google's reason", async () => {
    await expect(run(job("forbidden [sandbox:moderation]"))).rejects.toMatchObject({
      code: "GENERATION_FAILED",
      message: expect.stringContaining("usage guidelines"),
      details: expect.objectContaining({ vendorCode: "RAI_FILTERED" }),
    });
  });

  it("maps INVALID_ARGUMENT to INVALID_INPUT without retrying", async () => {
    const before = predicts().length;
    await expect(run(job("bad [sandbox:invalid]"))).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(predicts().length - before).toBe(1);
  });

  it("retries a 429 RESOURCE_EXHAUSTED once and then succeeds", async () => {
    const before = predicts().length;
    const out = await run(job("busy hour [sandbox:rate_limit_once]"));
    expect(predicts().length - before).toBe(2);
    expect(await probeMedia(out.file)).toMatchObject({ format: "png" });
  });

  it.each([
    ["[sandbox:rate_limit]", "rate limiting"],
    ["[sandbox:outage]", "unavailable"],
    ["[sandbox:fail]", "Internal error"],
    ["[sandbox:timeout]", "Deadline expired"],
    ["[sandbox:malformed]", "malformed"],
  ])("gives up on %s as PROVIDER_UNAVAILABLE (retryable at Google, not the client's fault)", async (marker, words) => {
    await expect(run(job(`x ${marker}`))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", message: expect.stringContaining(words) });
  });
});
