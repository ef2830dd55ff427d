import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "@/lib/media/probe";
import { reconcileRunway, toRunwayRequest } from "@/lib/providers/runway/transform";
import { planForProvider } from "@/lib/generations/plan-generation";
import { FIRST_PRICES, firstRates } from "@/tests/helpers/first-prices";
import { runway } from "@/lib/providers/catalog/runway";
import { runwayAdapter } from "@/lib/providers/runway/adapter";
import { cleanupWorkDirs, runAdapter, runContext, startVendorFake, testJob, type VendorHarness } from "../helpers/vendor";

let vendor: VendorHarness;
let image: string;

beforeAll(async () => {
  vendor = await startVendorFake(runwayAdapter);
  const png = await sharp({ create: { width: 64, height: 36, channels: 3, background: "#3366cc" } })
    .png()
    .toBuffer();
  image = `data:image/png;base64,${png.toString("base64")}`;
});
afterAll(async () => {
  await vendor.close();
  await cleanupWorkDirs();
});

const job = (text: string, options: Record<string, string | number> = {}, extra = {}) =>
  testJob("VIDEO", text, { model: "gen-4", duration: 5, aspectRatio: "16:9", ...options }, { image, ...extra });
const run = (j: ReturnType<typeof job>, timeScale?: number) => runAdapter(runwayAdapter, j, { baseUrl: vendor.url, timeScale });

describe("Runway transform", () => {
  it.each([
    ["gen-4", "16:9", "gen4_turbo", "1280:720"],
    ["gen-4", "9:16", "gen4_turbo", "720:1280"],
    ["gen-4", "4:3", "gen4_turbo", "1104:832"],
    ["gen-4", "1:1", "gen4_turbo", "960:960"],
    ["gen-4", "21:9", "gen4_turbo", "1584:672"],
    ["gen-4.5", "3:4", "gen4.5", "832:1104"],
  ])("%s %s from an image → image_to_video, model %s, ratio %s", (model, aspectRatio, wireModel, ratio) => {
    const { endpoint, body } = toRunwayRequest(job("a boat", { model, aspectRatio }));
    expect(endpoint).toBe("image_to_video");
    expect(body).toMatchObject({ model: wireModel, ratio, duration: 5, promptText: "a boat", promptImage: image });
  });

  it("without an image, gen-4.5 makes the video from text at a 720p ratio", () => {
    const { endpoint, body } = toRunwayRequest(testJob("VIDEO", "a boat", { model: "gen-4.5", duration: 8, aspectRatio: "9:16" }));
    expect(endpoint).toBe("text_to_video");
    expect(body).toEqual({ model: "gen4.5", promptText: "a boat", ratio: "720:1280", duration: 8 });
  });

  it("gen-4 without an image runs on gen-4.5 (and is priced so); text-to-video keeps to 16:9 or 9:16; end frames are dropped with a warning", () => {
    const r = reconcileRunway({ model: "gen-4", aspectRatio: "1:1", duration: 5 }, {});
    expect(r.applied).toMatchObject({ model: "gen-4.5", aspectRatio: "16:9" });
    expect(r.warnings).toEqual([expect.stringContaining("only animates an image"), expect.stringContaining("1:1 is not available")]);
    expect(runway.models.VIDEO!.cost(firstRates(runway.id, "VIDEO"), r.applied, "")).toBe(60);
    expect(reconcileRunway({ model: "gen-4", aspectRatio: "16:9" }, { image, endImage: "https://example.com/end.png" }).warnings).toEqual([
      expect.stringContaining("endImage is ignored"),
    ]);
    expect(reconcileRunway({ model: "gen-4", aspectRatio: "1:1" }, { image }).warnings).toEqual([]);
  });

  it.each([
    [{ model: "gen-4", duration: 5 }, 25],
    [{ model: "gen-4", duration: 10 }, 50],
    [{ model: "gen-4.5", duration: 2 }, 24],
    [{ model: "gen-4.5", duration: 10 }, 120],
  ])("prices %o at %i credits (Runway's credits per second)", (options, credits) => {
    expect(runway.models.VIDEO!.cost(firstRates(runway.id, "VIDEO"), options, "")).toBe(credits);
  });

  it("gen-3 (gen3a_turbo) is retired: refused naming the date and gen-4, never remapped", () => {
    const input = { type: "VIDEO" as const, provider: "runway", input: { text: "x", image: "https://example.com/a.png" }, options: { model: "gen-3" } };
    expect(() => planForProvider(input, "runway", FIRST_PRICES)).toThrow(
      expect.objectContaining({ code: "INVALID_INPUT", message: expect.stringMatching(/gen3a_turbo\) was retired.*2026-07-30.*"gen-4"/) }),
    );
  });
});

describe("Runway adapter against the fake", () => {
  it("submits with the SDK's headers, polls to SUCCEEDED, reports progress and downloads a real video", async () => {
    const j = job("a red kite over the sea", { duration: 5, seed: 7 });
    const out = await run(j);
    const submit = vendor.fake.last("POST", "/v1/image_to_video")!;
    expect(submit.headers.authorization).toBe("Bearer sandbox-runwayml-api-secret");
    expect(submit.headers["x-runway-version"]).toBe("2024-11-06");
    expect(JSON.parse(submit.body)).toMatchObject({ model: "gen4_turbo", ratio: "1280:720", duration: 5, seed: 7 });
    const info = await probeMedia(out.file);
    expect(info.format).toBe("mp4");
    expect(info.duration).toBeCloseTo(5, 0);
    expect(out.progress.length).toBeGreaterThan(0);
    expect(out.task?.id).toMatch(/[0-9a-f-]{36}/);
  });

  it("makes a gen-4.5 video from text alone at POST /v1/text_to_video", async () => {
    const out = await run(testJob("VIDEO", "a lighthouse at dusk", { model: "gen-4.5", duration: 4, aspectRatio: "9:16" }));
    expect(JSON.parse(vendor.fake.last("POST", "/v1/text_to_video")!.body)).toEqual({ model: "gen4.5", promptText: "a lighthouse at dusk", ratio: "720:1280", duration: 4 });
    const info = await probeMedia(out.file);
    expect(info).toMatchObject({ format: "mp4", width: 270, height: 480 });
  });

  it("the fake refuses gen3a_turbo as Runway's API does since its retirement", async () => {
    const res = await fetch(`${vendor.url}/v1/image_to_video`, {
      method: "POST",
      headers: { authorization: "Bearer x", "x-runway-version": "2024-11-06", "content-type": "application/json" },
      body: JSON.stringify({ model: "gen3a_turbo", promptImage: "https://example.com/a.png", promptText: "x", ratio: "1280:768", duration: 5 }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/gen3a_turbo/);
  });

  it("maps a 400 to INVALID_INPUT without retrying", async () => {
    const before = vendor.fake.requests.length;
    await expect(run(job("bad [sandbox:invalid]"))).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("Invalid ratio") });
    expect(vendor.fake.requests.length - before).toBe(1);
  });

  it("retries a 429 after Retry-After and then succeeds with one task", async () => {
    const before = vendor.fake.requests.filter((r) => r.path === "/v1/image_to_video").length;
    const out = await run(job("busy hour [sandbox:rate_limit_once]"));
    expect(out.file).toMatch(/runway\.mp4$/);
    expect(vendor.fake.requests.filter((r) => r.path === "/v1/image_to_video").length - before).toBe(2);
  });

  it("gives up on a 503 storm as PROVIDER_UNAVAILABLE, not accepted (safe to fall back)", async () => {
    const error = await run(job("down [sandbox:outage]")).catch((e) => e);
    expect(error).toMatchObject({ code: "PROVIDER_UNAVAILABLE", accepted: false });
  });

  it("refuses bad credentials as PROVIDER_UNAVAILABLE without retrying", async () => {
    const j = job("who am i");
    const error = await runAdapter(runwayAdapter, j, { baseUrl: vendor.url, credentials: { RUNWAYML_API_SECRET: "" } }).catch((e) => e);
    expect(String(error.message)).toMatch(/RUNWAYML_API_SECRET is not set/);
  });

  it("reports moderation as GENERATION_FAILED with Runway's reason", async () => {
    await expect(run(job("forbidden [sandbox:moderation]"))).rejects.toMatchObject({
      code: "GENERATION_FAILED",
      message: expect.stringContaining("content moderation"),
      details: expect.objectContaining({ vendorCode: "SAFETY.INPUT.TEXT" }),
    });
  });

  it("abandons a task that never finishes, cancels it at Runway and fails it", async () => {
    const error = await run(job("forever [sandbox:timeout]"), 1 / 2000).catch((e) => e);
    expect(error).toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("did not finish") });
    expect(vendor.fake.last("DELETE", "/v1/tasks/")).toBeDefined();
  });

  it("cancels a running task with DELETE /v1/tasks/{id}", async () => {
    const controller = new AbortController();
    const j = job("stop me");
    const running = runAdapter(runwayAdapter, j, { baseUrl: vendor.url, signal: controller.signal }).catch((e) => e);
    await new Promise((r) => setTimeout(r, 100));
    controller.abort();
    expect((await running).name).toBe("AbortError");
    const created = JSON.parse(vendor.fake.last("POST", "/v1/image_to_video")!.body);
    expect(created.promptText).toBe("stop me");
    const taskId = vendor.fake.requests
      .findLast((r) => r.method === "GET" && r.path.startsWith("/v1/tasks/"))!
      .path.split("/")
      .pop()!;
    await runwayAdapter.cancel!({ id: taskId }, runContext(j, { baseUrl: vendor.url }));
    const status = await fetch(`${vendor.url}/v1/tasks/${taskId}`, { headers: { authorization: "Bearer x", "x-runway-version": "2024-11-06" } }).then((r) => r.json());
    expect(status.status).toBe("CANCELLED");
  });

  it("fails clearly when the result link has expired before the download", async () => {
    await expect(run(job("too late [sandbox:expired_url]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("expired") });
  });

  it("treats a non-JSON answer as PROVIDER_UNAVAILABLE", async () => {
    await expect(run(job("garbage [sandbox:malformed]"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", message: expect.stringContaining("malformed") });
  });
});
