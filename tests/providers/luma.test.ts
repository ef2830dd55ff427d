import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstRates } from "@/tests/helpers/first-prices";
import { probeMedia } from "@/lib/media/probe";
import { luma } from "@/lib/providers/catalog/luma";
import { lumaAdapter } from "@/lib/providers/luma/adapter";
import { lumaErrorReason, toLumaRequest } from "@/lib/providers/luma/transform";
import type { GenerationJob } from "@/lib/providers/types";
import { loadVendorContract, type VendorContract } from "../helpers/openapi-contract";
import { cleanupWorkDirs, runAdapter, runContext, startCallbackReceiver, startVendorFake, testJob, type VendorHarness } from "../helpers/vendor";

let vendor: VendorHarness;

beforeAll(async () => {
  vendor = await startVendorFake(lumaAdapter);
});
afterAll(async () => {
  await vendor.close();
  await cleanupWorkDirs();
});

const job = (text: string, options: Record<string, string | number | boolean> = {}, input: Partial<GenerationJob["input"]> = {}) =>
  testJob("VIDEO", text, { model: "ray-2", duration: 5, resolution: "720p", aspectRatio: "16:9", loop: false, ...options }, input);
const run = (j: GenerationJob, timeScale?: number) => runAdapter(lumaAdapter, j, { baseUrl: vendor.url, timeScale });
const submits = () => vendor.fake.requests.filter((r) => r.method === "POST" && r.path === "/generations/video");
const contextFor = (j: GenerationJob) => runContext(j, { baseUrl: vendor.url });

describe("Luma transform", () => {
  it.each([
    [
      { model: "ray-2", duration: 5, resolution: "720p", aspectRatio: "16:9", loop: false },
      { model: "ray-2", duration: "5s", resolution: "720p", aspect_ratio: "16:9", loop: false },
    ],
    [
      { model: "ray-flash-2", duration: 9, resolution: "540p", aspectRatio: "9:21", loop: true },
      { model: "ray-flash-2", duration: "9s", resolution: "540p", aspect_ratio: "9:21", loop: true },
    ],
    [
      { model: "ray-2", duration: 9, resolution: "4k", aspectRatio: "1:1", loop: false },
      { model: "ray-2", duration: "9s", resolution: "4k", aspect_ratio: "1:1", loop: false },
    ],
  ])("%o → %o", (options, wire) => {
    const body = toLumaRequest(job("a lighthouse", options));
    expect(body).toMatchObject({ prompt: "a lighthouse", ...wire });
    expect(body.keyframes).toBeUndefined();
    expect(body.callback_url).toBeUndefined();
  });

  it("sends start and end images as keyframes frame0/frame1, and the callback URL only when there is one", () => {
    const body = toLumaRequest(job("x", {}, { image: "https://example.com/a.png", endImage: "https://example.com/b.png" }), "https://us.example/cb");
    expect(body.keyframes).toEqual({ frame0: { type: "image", url: "https://example.com/a.png" }, frame1: { type: "image", url: "https://example.com/b.png" } });
    expect(body.callback_url).toBe("https://us.example/cb");
    expect(toLumaRequest(job("x", {}, { endImage: "https://example.com/b.png" })).keyframes).toEqual({ frame1: { type: "image", url: "https://example.com/b.png" } });
  });

  it("refuses a data: URI keyframe as INVALID_INPUT naming the field (Luma only fetches URLs)", () => {
    expect(() => toLumaRequest(job("x", {}, { endImage: "data:image/png;base64,AAAA" }))).toThrow(
      expect.objectContaining({ code: "INVALID_INPUT", details: expect.objectContaining({ field: "input.endImage" }) }),
    );
  });

  it.each([
    [{ detail: "Invalid request: bad ratio" }, "Invalid request: bad ratio"],
    [{ detail: [{ loc: ["body", "duration"], msg: "Input should be '5s' or '9s'" }] }, "duration: Input should be '5s' or '9s'"],
    [{ error: { message: "Insufficient credits", type: "billing", code: "insufficient_credits" } }, "Insufficient credits"],
    ["<html>", ""],
  ])("reads the error body %j", (body, reason) => {
    expect(lumaErrorReason(body)).toBe(reason);
  });

  it.each([
    [{ model: "ray-2", resolution: "720p", duration: 5 }, 71],
    [{ model: "ray-2", resolution: "540p", duration: 5 }, 40],
    [{ model: "ray-2", resolution: "1080p", duration: 9 }, 287],
    [{ model: "ray-flash-2", resolution: "720p", duration: 5 }, 25],
  ])("prices %o at %i credits (Luma's per-pixel rate)", (options, credits) => {
    expect(luma.models.VIDEO!.cost(firstRates(luma.id, "VIDEO"), options, "")).toBe(credits);
  });
});

describe("Luma adapter against the fake", () => {
  it("submits with bearer auth and Luma's field types, polls to completed and downloads a real video", async () => {
    const out = await run(job("a paper boat in the rain", { duration: 5, resolution: "720p", aspectRatio: "16:9" }));
    const submit = submits().at(-1)!;
    expect(submit.headers.authorization).toBe("Bearer sandbox-lumaai-api-key");
    expect(JSON.parse(submit.body)).toEqual({
      generation_type: "video",
      prompt: "a paper boat in the rain",
      model: "ray-2",
      aspect_ratio: "16:9",
      duration: "5s",
      resolution: "720p",
      loop: false,
    });
    const info = await probeMedia(out.file);
    expect(info).toMatchObject({ format: "mp4", width: 480, height: 270 });
    expect(info.duration).toBeCloseTo(5, 0);
  });

  it("makes a 9 s ray-flash-2 clip from URL keyframes", async () => {
    const out = await run(job("a cat turns", { model: "ray-flash-2", duration: 9, aspectRatio: "9:16" }, { image: "https://example.com/cat.png" }));
    expect(JSON.parse(submits().at(-1)!.body)).toMatchObject({
      model: "ray-flash-2",
      duration: "9s",
      keyframes: { frame0: { type: "image", url: "https://example.com/cat.png" } },
    });
    const info = await probeMedia(out.file);
    expect(info).toMatchObject({ width: 270, height: 480 });
    expect(info.duration).toBeCloseTo(9, 0);
  });

  it("refuses a data: URI image before calling Luma", async () => {
    const before = vendor.fake.requests.length;
    await expect(run(job("x", {}, { image: "data:image/png;base64,iVBORw0KGgo=" }))).rejects.toMatchObject({ code: "INVALID_INPUT", accepted: false });
    expect(vendor.fake.requests.length).toBe(before);
  });

  it("maps a 400 to INVALID_INPUT with Luma's reason, without retrying", async () => {
    const before = submits().length;
    await expect(run(job("bad [sandbox:invalid]"))).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("aspect_ratio") });
    expect(submits().length - before).toBe(1);
  });

  it("maps a refused key (401) to PROVIDER_UNAVAILABLE without retrying", async () => {
    const before = submits().length;
    const error = await runAdapter(lumaAdapter, job("who am i"), { baseUrl: vendor.url, credentials: { LUMAAI_API_KEY: "not a key" } }).catch((e) => e);
    expect(error).toMatchObject({ code: "PROVIDER_UNAVAILABLE", message: expect.stringContaining("credentials"), details: expect.objectContaining({ status: 401 }) });
    expect(submits().length - before).toBe(1);
  });

  it("retries a 429 after Retry-After and then succeeds with one generation", async () => {
    const before = vendor.fake.requests.length;
    const out = await run(job("busy hour [sandbox:rate_limit_once]"));
    const during = vendor.fake.requests.slice(before);
    expect(during.filter((r) => r.method === "POST").length).toBe(2);
    const polled = new Set(during.filter((r) => r.method === "GET" && r.path.startsWith("/generations/")).map((r) => r.path));
    expect([...polled]).toEqual([`/generations/${out.task?.id}`]);
    expect((await probeMedia(out.file)).format).toBe("mp4");
  });

  it("gives up on a 429 storm or a 503 as PROVIDER_UNAVAILABLE, not accepted (safe to fall back)", async () => {
    await expect(run(job("always busy [sandbox:rate_limit]"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", accepted: false, retryable: true });
    await expect(run(job("down [sandbox:outage]"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", accepted: false });
  });

  it("treats a non-JSON answer as PROVIDER_UNAVAILABLE", async () => {
    await expect(run(job("garbage [sandbox:malformed]"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", message: expect.stringContaining("malformed") });
  });

  it("reports moderation and failures as GENERATION_FAILED with Luma's failure_reason", async () => {
    await expect(run(job("forbidden [sandbox:moderation]"))).rejects.toMatchObject({
      code: "GENERATION_FAILED",
      accepted: true,
      message: expect.stringContaining("content moderation"),
    });
    await expect(run(job("broken [sandbox:fail]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("Luma failed: Generation failed") });
  });

  it("abandons a generation that never finishes, deletes it at Luma and fails", async () => {
    const error = await run(job("forever [sandbox:timeout]"), 1 / 2000).catch((e) => e);
    expect(error).toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("did not finish within 30 minutes") });
    const deleted = vendor.fake.last("DELETE", "/generations/")!;
    expect(deleted).toBeDefined();
    const status = await fetch(`${vendor.url}${deleted.path}`, { headers: { authorization: "Bearer x" } });
    expect(status.status).toBe(404);
  });

  it("cancels (deletes) a generation with DELETE /generations/{id}", async () => {
    const j = job("stop me");
    const ctx = contextFor(j);
    const { task } = (await lumaAdapter.submit(j, ctx)) as { task: { id: string } };
    await lumaAdapter.cancel!(task, ctx);
    expect(vendor.fake.last("DELETE", `/generations/${task.id}`)?.headers.authorization).toBe("Bearer sandbox-lumaai-api-key");
    expect((await fetch(`${vendor.url}/generations/${task.id}`, { headers: { authorization: "Bearer x" } })).status).toBe(404);
  });

  it("fails clearly when the result link has expired before the download", async () => {
    await expect(run(job("too late [sandbox:expired_url]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("expired") });
  });

  it("finishes on Luma's callback instead of waiting for the next poll", async () => {
    const j = job("called back");
    const receiver = await startCallbackReceiver<{ state: string }>(lumaAdapter, j, { baseUrl: vendor.url });
    try {
      const started = Date.now();
      // Luma's 3 s poll stretched to 30 s: finishing well inside it can only be the callback's doing.
      const out = await runAdapter(lumaAdapter, j, { baseUrl: vendor.url, timeScale: 10, callbackUrl: receiver.url });
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(JSON.parse(submits().at(-1)!.body).callback_url).toBe(receiver.url);
      expect(receiver.bodies.map((b) => b.state)).toEqual(expect.arrayContaining(["dreaming", "completed"]));
      expect((await probeMedia(out.file)).format).toBe("mp4");
    } finally {
      await receiver.close();
    }
  });
});

describe("Luma's published OpenAPI file (tests/fixtures/vendors/luma)", () => {
  let contract: VendorContract;
  beforeAll(async () => {
    contract = await loadVendorContract("tests/fixtures/vendors/luma/openapi.yaml");
  });

  it("every request the adapter sent to the fake is an operation of Luma's API, with a valid body", () => {
    const sent = vendor.fake.requests.filter((r) => !r.path.startsWith("/_files/"));
    expect(sent.some((r) => r.method === "POST")).toBe(true);
    for (const r of sent) {
      const body = r.body ? JSON.parse(r.body) : undefined;
      expect(contract.requestErrors({ method: r.method, path: r.path, body }), `${r.method} ${r.path} ${r.body}`).toEqual([]);
    }
  });

  it("creates at POST /generations/video: POST /generations is no operation of Luma's API", () => {
    expect(contract.operationFor("POST", "/generations/video")).toBe("createGeneration");
    expect(contract.operationFor("POST", "/generations")).toBeUndefined();
  });

  it.each([
    ["text only", job("a lighthouse", { model: "ray-flash-2", duration: 9, resolution: "4k", aspectRatio: "9:21", loop: true }), undefined],
    ["keyframes and a callback", job("x", {}, { image: "https://example.com/a.png", endImage: "https://example.com/b.png" }), "https://us.example/cb"],
  ])("the transform's body for %s validates against createGeneration", (_, j, callback) => {
    expect(contract.requestErrors({ method: "POST", path: "/generations/video", body: toLumaRequest(j, callback) })).toEqual([]);
  });
});
