import { jwtVerify } from "jose";
import sharp from "sharp";
import { planForProvider } from "@/lib/generations/plan-generation";
import { FIRST_PRICES, firstRates } from "@/tests/helpers/first-prices";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "@/lib/media/probe";
import { findProvider } from "@/lib/providers/catalog";
import { kolorsAdapter } from "@/lib/providers/kling/adapter";
import { kolorsCost, reconcileKolors, toKolorsRequest } from "@/lib/providers/kling/kolors-transform";
import { resolveOptions } from "@/lib/providers/resolve-options";
import type { GenerationJob, ModelSpec } from "@/lib/providers/types";
import { cleanupWorkDirs, runAdapter, startCallbackReceiver, startVendorFake, testJob, type VendorHarness } from "../helpers/vendor";

let vendor: VendorHarness;
let image: string;

beforeAll(async () => {
  vendor = await startVendorFake(kolorsAdapter);
  const png = await sharp({ create: { width: 40, height: 60, channels: 3, background: "#aa3366" } })
    .png()
    .toBuffer();
  image = `data:image/png;base64,${png.toString("base64")}`;
});
afterAll(async () => {
  await vendor.close();
  await cleanupWorkDirs();
});

const job = (text: string, options: Record<string, string | number> = {}, input: Partial<GenerationJob["input"]> = {}) =>
  testJob("IMAGE", text, { version: "2.1", aspectRatio: "1:1", resolution: "1k", count: 1, ...options }, input);
const run = (j: GenerationJob, timeScale?: number) => runAdapter(kolorsAdapter, j, { baseUrl: vendor.url, timeScale });
const submits = () => vendor.fake.requests.filter((r) => r.method === "POST" && r.path === "/v1/images/generations");
const wire = (j: GenerationJob) => JSON.parse(submits().findLast((r) => JSON.parse(r.body).prompt === j.text)!.body);

describe("Kolors transform", () => {
  it.each([
    [{ version: "1.0" }, { model_name: "kling-v1" }],
    [{ version: "1.5" }, { model_name: "kling-v1-5" }],
    [
      { version: "2.1", resolution: "2k", aspectRatio: "21:9" },
      { model_name: "kling-v2-1", resolution: "2k", aspect_ratio: "21:9" },
    ],
    [
      { aspectRatio: "3:2", negativePrompt: "text" },
      { aspect_ratio: "3:2", negative_prompt: "text" },
    ],
  ])("options %j → %j, always n 1", (options, expected) => {
    expect(toKolorsRequest(job("a teapot", options), undefined)).toMatchObject({ ...expected, prompt: "a teapot", n: 1 });
  });

  it("2.0 (kling-v2) was retired on 2026-09-15: refused naming 2.1", () => {
    const input = { type: "IMAGE" as const, provider: "kolors", input: { text: "x" }, options: { version: "2.0" } };
    expect(() => planForProvider(input, "kolors", FIRST_PRICES)).toThrow(
      expect.objectContaining({ code: "INVALID_INPUT", message: expect.stringContaining('2.0 (kling-v2) was retired by the vendor on 2026-09-15; use "2.1"') }),
    );
  });

  it("re-encodes a WebP reference image as PNG before sending it", async () => {
    const webp = `data:image/webp;base64,${(
      await sharp({ create: { width: 40, height: 30, channels: 3, background: "#446688" } })
        .webp()
        .toBuffer()
    ).toString("base64")}`;
    const j = job("from a webp reference", { version: "2.1" }, { image: webp });
    await run(j);
    expect(await sharp(Buffer.from(wire(j).image, "base64")).metadata()).toMatchObject({ format: "png", width: 40, height: 30 });
  });

  it("sends an image reference: subject/face on 1.5 only, fidelity, and no negative prompt", () => {
    const v15 = toKolorsRequest(job("x", { version: "1.5", reference: "face", imageFidelity: 0.8, negativePrompt: "no" }, { image: "https://e.x/a.png" }), "https://e.x/a.png");
    expect(v15).toMatchObject({ image: "https://e.x/a.png", image_reference: "face", image_fidelity: 0.8 });
    expect(v15).not.toHaveProperty("negative_prompt");
    expect(toKolorsRequest(job("x", { version: "1.5" }, { image: "u" }), "u").image_reference).toBe("subject");
    expect(toKolorsRequest(job("x", { version: "2.1" }, { image: "u" }), "u")).not.toHaveProperty("image_reference");
  });

  it.each([
    ["no negative prompt from an image", { negativePrompt: "blur" }, { image: "x" }, "negativePrompt", /no negative prompt/],
    ["reference is a 1.5 feature", { reference: "face", version: "2.1" }, { image: "x" }, "reference", /only with input.image on version 1.5/],
    ["reference needs an image", { reference: "subject", version: "1.5" }, {}, "reference", /only with input.image/],
    ["fidelity needs an image", { imageFidelity: 0.4 }, {}, "imageFidelity", /without input.image/],
  ])("reconcile: %s", (_, options, input, dropped, warning) => {
    const r = reconcileKolors({ version: "2.1", aspectRatio: "1:1", resolution: "1k", count: 1, ...options }, input);
    expect(r.applied).not.toHaveProperty(dropped);
    expect(r.warnings).toEqual([expect.stringMatching(warning)]);
  });

  it("prices per image; count (the unified numOutputs) goes up to 4 and is sent as n", () => {
    expect(kolorsCost(firstRates("kolors", "IMAGE"), { version: "1.0", resolution: "1k" })).toBe(1);
    expect(kolorsCost(firstRates("kolors", "IMAGE"), { version: "2.1", resolution: "1k" })).toBe(2);
    expect(kolorsCost(firstRates("kolors", "IMAGE"), { version: "2.1", resolution: "2k" })).toBe(3);
    const model = findProvider("kolors")!.models.IMAGE as ModelSpec;
    expect(() => resolveOptions(model, "kolors", { count: 5 })).toThrow(/count.*at most 4/);
    expect(toKolorsRequest(job("four teapots", { count: 4 }), undefined).n).toBe(4);
  });
});

describe("Kolors adapter against the fake", () => {
  it("signs Kling's JWT, sends the image request and downloads a real PNG of the asked shape", async () => {
    const j = job("a porcelain teapot, studio light", { aspectRatio: "16:9", negativePrompt: "text, watermark" });
    const out = await run(j);
    const submit = submits().at(-1)!;
    const { payload } = await jwtVerify(String(submit.headers.authorization).replace(/^Bearer /, ""), new TextEncoder().encode("sandbox-kling-secret-key"));
    expect(payload.iss).toBe("sandbox-kling-access-key");
    expect(JSON.parse(submit.body)).toEqual({
      model_name: "kling-v2-1",
      prompt: "a porcelain teapot, studio light",
      negative_prompt: "text, watermark",
      resolution: "1k",
      n: 1,
      aspect_ratio: "16:9",
    });
    expect(vendor.fake.last("GET", "/v1/images/generations/")!.path).toBe(`/v1/images/generations/${out.task!.id}`);
    expect(await probeMedia(out.file)).toMatchObject({ format: "png", width: 480, height: 270 });
  });

  it("n images in one task: every image downloaded as a file of its own", async () => {
    const out = await run(job("three teapots in a row", { count: 3 }));
    expect(wire(job("three teapots in a row"))).toMatchObject({ n: 3 });
    expect(out.files).toHaveLength(3);
    expect(new Set(out.files).size).toBe(3);
    for (const file of out.files!) expect(await probeMedia(file)).toMatchObject({ format: "png" });
  });

  it("image reference on 1.5: raw base64, face reference, and the image keeps the reference's shape", async () => {
    const j = job("same face, as a watercolor", { version: "1.5", reference: "face" }, { image });
    const out = await run(j);
    const body = wire(j);
    expect(body).toMatchObject({ model_name: "kling-v1-5", image: image.split(",")[1], image_reference: "face" });
    expect(body).not.toHaveProperty("negative_prompt");
    expect(await probeMedia(out.file)).toMatchObject({ format: "png", width: 320, height: 480 });
  });

  it("maps bad parameters to INVALID_INPUT", async () => {
    await expect(run(job("bad [sandbox:invalid]"))).rejects.toMatchObject({ code: "INVALID_INPUT", details: expect.objectContaining({ provider: "kolors", vendorCode: 1201 }) });
  });

  it("maps a missing credential to an error before calling Kling", async () => {
    const before = vendor.fake.requests.length;
    const error = await runAdapter(kolorsAdapter, job("no key"), { baseUrl: vendor.url, credentials: { KLING_ACCESS_KEY: "x" } }).catch((e) => e);
    expect(String(error.message)).toMatch(/KLING_SECRET_KEY is not set/);
    expect(vendor.fake.requests.length).toBe(before);
  });

  it("retries a 429 (code 1302) and then succeeds with one task", async () => {
    const j = job("busy [sandbox:rate_limit_once]");
    const out = await run(j);
    expect(submits().filter((r) => JSON.parse(r.body).prompt === j.text)).toHaveLength(2);
    expect((await probeMedia(out.file)).format).toBe("png");
  });

  it("reports moderation as GENERATION_FAILED", async () => {
    await expect(run(job("forbidden [sandbox:moderation]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("content safety") });
  });

  it("abandons an image that never finishes as GENERATION_FAILED", async () => {
    await expect(run(job("forever [sandbox:timeout]"), 1 / 2000)).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("did not finish") });
  });

  it("fails clearly when the result link has expired", async () => {
    await expect(run(job("late [sandbox:expired_url]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("expired") });
  });

  it("wakes on Kling's callback instead of waiting out the 3 s poll", async () => {
    const j = job("called back");
    const receiver = await startCallbackReceiver<{ task_status: string }>(kolorsAdapter, j, { baseUrl: vendor.url });
    try {
      const started = Date.now();
      const out = await runAdapter(kolorsAdapter, j, { baseUrl: vendor.url, timeScale: 1, callbackUrl: receiver.url });
      expect(Date.now() - started).toBeLessThan(2_500);
      expect(wire(j).callback_url).toBe(receiver.url);
      expect(receiver.bodies.map((b) => b.task_status)).toContain("succeed");
      expect((await probeMedia(out.file)).format).toBe("png");
    } finally {
      await receiver.close();
    }
  });
});
