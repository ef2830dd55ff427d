import sharp from "sharp";
import { firstRates } from "@/tests/helpers/first-prices";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "@/lib/media/probe";
import type { VendorResponse } from "@/lib/providers/http/vendor-request";
import { seedance } from "@/lib/providers/catalog/seedance";
import { seedanceAdapter } from "@/lib/providers/seedance/adapter";
import { seedanceClient } from "@/lib/providers/seedance/client";
import { reconcileSeedance, toSeedanceRequest } from "@/lib/providers/seedance/transform";
import type { GenerationJob } from "@/lib/providers/types";
import { cleanupWorkDirs, runAdapter, runContext, startCallbackReceiver, startVendorFake, testJob, type VendorHarness, vendorContext } from "../helpers/vendor";

let vendor: VendorHarness;
let image: string;

beforeAll(async () => {
  vendor = await startVendorFake(seedanceAdapter);
  const png = await sharp({ create: { width: 64, height: 36, channels: 3, background: "#cc6633" } })
    .png()
    .toBuffer();
  image = `data:image/png;base64,${png.toString("base64")}`;
});
afterAll(async () => {
  await vendor.close();
  await cleanupWorkDirs();
});

type Opts = Record<string, string | number | boolean>;
const job = (text: string, options: Opts = {}, input: Partial<GenerationJob["input"]> = {}) =>
  testJob("VIDEO", text, { model: "pro", duration: 5, resolution: "1080p", aspectRatio: "16:9", seed: 42, cameraFixed: false, ...options }, input);
const run = (j: GenerationJob, timeScale?: number) => runAdapter(seedanceAdapter, j, { baseUrl: vendor.url, timeScale });
const submits = (h = vendor) => h.fake.requests.filter((r) => r.method === "POST" && r.path === "/contents/generations/tasks");
const contextFor = (j: GenerationJob, h = vendor) => runContext(j, { baseUrl: h.url });
const getTask = (id: string, h = vendor) => fetch(`${h.url}/contents/generations/tasks/${id}`, { headers: { authorization: "Bearer x" } });

describe("Seedance transform", () => {
  it.each([
    ["pro", false, "seedance-1-0-pro-250528"],
    ["pro", true, "seedance-1-0-pro-250528"],
    ["pro-fast", true, "seedance-1-0-pro-fast-251015"],
    ["lite", false, "seedance-1-0-lite-t2v-250428"],
    ["lite", true, "seedance-1-0-lite-i2v-250428"],
  ])("model %s (image: %s) → %s", (model, withImage, id) => {
    expect(toSeedanceRequest(job("x", { model }, withImage ? { image: "https://example.com/a.png" } : {})).model).toBe(id);
  });

  it("sends parameters as top-level fields with Ark's names and types, and the prompt alone as text", () => {
    const body = toSeedanceRequest(job("a red fox in snow", { resolution: "720p", aspectRatio: "9:16", duration: 8, seed: 7, cameraFixed: true }));
    expect(body).toEqual({
      model: "seedance-1-0-pro-250528",
      content: [{ type: "text", text: "a red fox in snow" }],
      resolution: "720p",
      ratio: "9:16",
      duration: 8,
      seed: 7,
      camera_fixed: true,
      watermark: false,
    });
  });

  it("sends images as first_frame and last_frame, and the callback URL only when there is one", () => {
    const body = toSeedanceRequest(job("x", {}, { image: "https://example.com/a.png", endImage: "data:image/png;base64,AAAA" }), "https://us.example/cb");
    expect(body.content.slice(1)).toEqual([
      { type: "image_url", image_url: { url: "https://example.com/a.png" }, role: "first_frame" },
      { type: "image_url", image_url: { url: "data:image/png;base64,AAAA" }, role: "last_frame" },
    ]);
    expect(body.callback_url).toBe("https://us.example/cb");
    const fast = toSeedanceRequest(job("x", { model: "pro-fast" }, { image: "https://example.com/a.png", endImage: "https://example.com/b.png" }));
    expect(fast.content.map((c) => ("role" in c ? c.role : c.type))).toEqual(["text", "first_frame"]);
  });

  it.each([
    [{ model: "pro-fast", aspectRatio: "16:9" }, { image: "a", endImage: "b" }, "16:9", /Pro Fast takes only a start frame/],
    [{ model: "pro", aspectRatio: "16:9" }, { endImage: "b" }, "16:9", /needs input.image as the start frame/],
    [{ model: "pro", aspectRatio: "adaptive" }, {}, "16:9", /adaptive follows the start image/],
  ])("reconciles %o with %o → ratio %s and a warning", (options, input, ratio, warning) => {
    const r = reconcileSeedance(options, input);
    expect(r.applied.aspectRatio).toBe(ratio);
    expect(r.warnings).toEqual([expect.stringMatching(warning)]);
  });

  it("applies what Seedance can do without warnings", () => {
    expect(reconcileSeedance({ model: "pro", aspectRatio: "adaptive" }, { image: "a", endImage: "b" }).warnings).toEqual([]);
  });

  it.each([
    [{ model: "pro", resolution: "1080p", aspectRatio: "16:9", duration: 5 }, 62],
    [{ model: "pro", resolution: "480p", aspectRatio: "16:9", duration: 5 }, 13],
    [{ model: "pro-fast", resolution: "720p", aspectRatio: "16:9", duration: 10 }, 15],
    [{ model: "lite", resolution: "720p", aspectRatio: "1:1", duration: 5 }, 20],
    [{ model: "1.5-pro", resolution: "1080p", aspectRatio: "16:9", duration: 5 }, 30], // silent: $1.2 per million tokens
  ])("prices %o at %i credits (Ark's token rate)", (options, credits) => {
    expect(seedance.models.VIDEO!.cost(firstRates(seedance.id, "VIDEO"), options, "")).toBe(credits);
  });

  const response = (status: number, body: unknown): VendorResponse => {
    const bytes = Buffer.from(JSON.stringify(body));
    return { status, ok: status < 300, headers: new Headers(), bytes, text: () => bytes.toString(), json: <T>() => body as T };
  };
  it.each([
    [400, "InvalidParameter", "INVALID_INPUT", false],
    [400, "InputTextSensitiveContentDetected", "GENERATION_FAILED", false],
    [401, "AuthenticationError", "PROVIDER_UNAVAILABLE", false],
    [403, "AccountOverdueError", "PROVIDER_UNAVAILABLE", false],
    [404, "ModelNotOpen", "PROVIDER_UNAVAILABLE", false],
    [429, "RateLimitExceeded.EndpointRPMExceeded", "PROVIDER_UNAVAILABLE", true],
    [500, "InternalServiceError", "PROVIDER_UNAVAILABLE", true],
  ])("maps HTTP %i %s → %s (retryable: %s)", (status, code, ours, retryable) => {
    const error = seedanceClient(vendorContext(job("x"), { baseUrl: "http://x" })).check!(response(status, { error: { code, message: "m", param: "", type: "t" } }));
    expect(error).toMatchObject({ code: ours, retryable, details: expect.objectContaining({ vendorCode: code, status }) });
  });
});

describe("Seedance fake", () => {
  it("also reads `--rs 480p --dur 3` style flags from the prompt, as older clients send them", async () => {
    const res = await fetch(`${vendor.url}/contents/generations/tasks`, {
      method: "POST",
      headers: { authorization: "Bearer x", "content-type": "application/json" },
      body: JSON.stringify({ model: "seedance-1-0-pro-250528", content: [{ type: "text", text: "a kite --rs 480p --rt 1:1 --dur 3 --seed 9" }] }),
    });
    const { id } = await res.json();
    expect(id).toMatch(/^cgt-\d{14}-[0-9a-f]{5}$/);
    expect(await (await getTask(id)).json()).toMatchObject({ resolution: "480p", ratio: "1:1", duration: 3, seed: 9 });
  });
});

describe("Seedance adapter against the fake", () => {
  it("submits with bearer auth, polls to succeeded and downloads a real video", async () => {
    const out = await run(job("a red fox trotting through snow"));
    const submit = submits().at(-1)!;
    expect(submit.headers.authorization).toBe("Bearer sandbox-ark-api-key");
    expect(JSON.parse(submit.body)).toEqual({
      model: "seedance-1-0-pro-250528",
      content: [{ type: "text", text: "a red fox trotting through snow" }],
      resolution: "1080p",
      ratio: "16:9",
      duration: 5,
      seed: 42,
      camera_fixed: false,
      watermark: false,
    });
    expect(out.task?.id).toMatch(/^cgt-/);
    const info = await probeMedia(out.file);
    expect(info).toMatchObject({ format: "mp4", width: 480, height: 272 });
    expect(info.duration).toBeCloseTo(5, 0);
  });

  it("animates between a start and an end frame for 3 s", async () => {
    const out = await run(job("the light changes", { duration: 3, resolution: "480p", aspectRatio: "adaptive" }, { image, endImage: image }));
    const body = JSON.parse(submits().at(-1)!.body);
    expect(body.content.map((c: { role?: string }) => c.role ?? "text")).toEqual(["text", "first_frame", "last_frame"]);
    expect(body.content[1].image_url.url).toBe(image);
    expect((await probeMedia(out.file)).duration).toBeCloseTo(3, 0);
  });

  it("maps a 400 InvalidParameter to INVALID_INPUT without retrying", async () => {
    const before = submits().length;
    await expect(run(job("bad [sandbox:invalid]"))).rejects.toMatchObject({ code: "INVALID_INPUT", details: expect.objectContaining({ vendorCode: "InvalidParameter" }) });
    expect(submits().length - before).toBe(1);
  });

  it("maps a refused key (401) to PROVIDER_UNAVAILABLE without retrying", async () => {
    const before = submits().length;
    const error = await runAdapter(seedanceAdapter, job("who am i"), { baseUrl: vendor.url, credentials: { ARK_API_KEY: "not a key" } }).catch((e) => e);
    expect(error).toMatchObject({ code: "PROVIDER_UNAVAILABLE", details: expect.objectContaining({ vendorCode: "AuthenticationError" }) });
    expect(submits().length - before).toBe(1);
  });

  it("retries a 429 after Retry-After and then succeeds with one task", async () => {
    const before = vendor.fake.requests.length;
    const out = await run(job("busy hour [sandbox:rate_limit_once]"));
    const during = vendor.fake.requests.slice(before);
    expect(during.filter((r) => r.method === "POST").length).toBe(2);
    expect(new Set(during.filter((r) => r.method === "GET" && r.path.startsWith("/contents/")).map((r) => r.path))).toEqual(
      new Set([`/contents/generations/tasks/${out.task?.id}`]),
    );
  });

  it("gives up on a 500 as PROVIDER_UNAVAILABLE, not accepted (safe to fall back)", async () => {
    await expect(run(job("down [sandbox:outage]"))).rejects.toMatchObject({
      code: "PROVIDER_UNAVAILABLE",
      accepted: false,
      details: expect.objectContaining({ vendorCode: "InternalServiceError" }),
    });
  });

  it("treats a non-JSON answer as PROVIDER_UNAVAILABLE", async () => {
    await expect(run(job("garbage [sandbox:malformed]"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", message: expect.stringContaining("malformed") });
  });

  it("reports output moderation and failures as GENERATION_FAILED with Ark's error code", async () => {
    await expect(run(job("forbidden [sandbox:moderation]"))).rejects.toMatchObject({
      code: "GENERATION_FAILED",
      accepted: true,
      message: expect.stringContaining("content moderation"),
      details: expect.objectContaining({ vendorCode: "OutputVideoSensitiveContentDetected" }),
    });
    await expect(run(job("broken [sandbox:fail]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", details: expect.objectContaining({ vendorCode: "InternalServiceError" }) });
  });

  it("abandons a task that never finishes and asks Ark to cancel it (refused while running)", async () => {
    const error = await run(job("forever [sandbox:timeout]"), 1 / 2000).catch((e) => e);
    expect(error).toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("did not finish within 20 minutes") });
    const cancel = vendor.fake.last("DELETE", "/contents/generations/tasks/")!;
    expect(cancel.headers.authorization).toBe("Bearer sandbox-ark-api-key");
    expect((await (await getTask(cancel.path.split("/").pop()!)).json()).status).toBe("running");
  });

  it("cancels a queued task with DELETE", async () => {
    const slow = await startVendorFake(seedanceAdapter, 60_000);
    try {
      const j = job("stop me");
      const ctx = contextFor(j, slow);
      const { task } = (await seedanceAdapter.submit(j, ctx)) as { task: { id: string } };
      await seedanceAdapter.cancel!(task, ctx);
      expect((await (await getTask(task.id, slow)).json()).status).toBe("cancelled");
      await expect(seedanceAdapter.follow!(j, task, ctx)).rejects.toMatchObject({ code: "GENERATION_FAILED", message: "Seedance cancelled the task" });
    } finally {
      await slow.close();
    }
  });

  it("fails clearly when the result link has expired before the download", async () => {
    await expect(run(job("too late [sandbox:expired_url]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("expired") });
  });

  it("finishes on Ark's callback instead of waiting for the next poll", async () => {
    const j = job("called back", { resolution: "480p" });
    const receiver = await startCallbackReceiver<{ id: string; status: string }>(seedanceAdapter, j, { baseUrl: vendor.url });
    try {
      const started = Date.now();
      // The 5 s poll stretched to 50 s: finishing well inside it can only be the callback's doing.
      const out = await runAdapter(seedanceAdapter, j, { baseUrl: vendor.url, timeScale: 10, callbackUrl: receiver.url });
      expect(Date.now() - started).toBeLessThan(25_000);
      expect(JSON.parse(submits().at(-1)!.body).callback_url).toBe(receiver.url);
      expect(receiver.bodies.map((b) => b.status)).toEqual(expect.arrayContaining(["running", "succeeded"]));
      expect(receiver.bodies.every((b) => b.id === out.task?.id)).toBe(true);
    } finally {
      await receiver.close();
    }
  });
});
