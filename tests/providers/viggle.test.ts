import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { firstRates } from "@/tests/helpers/first-prices";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { invalidInput } from "@/lib/errors";
import { probeMedia } from "@/lib/media/probe";
import { viggle } from "@/lib/providers/catalog/viggle";
import type { RecordedRequest } from "@/lib/providers/sandbox/fake-app";
import { renderPreview } from "@/lib/providers/sandbox/preview-media";
import type { GenerationJob, RunContext } from "@/lib/providers/types";
import { viggleAdapter } from "@/lib/providers/viggle/adapter";
import { viggleError, viggleFields } from "@/lib/providers/viggle/transform";
import { cleanupWorkDirs, runAdapter, startVendorFake, testJob, type VendorHarness, vendorContext } from "../helpers/vendor";

/** Stands in for the public internet: the URLs a client gives resolve to these bytes (this machine has no network). */
const publicFiles = vi.hoisted(() => new Map<string, Buffer>());
vi.mock("@/lib/net/fetch-public-url", () => {
  const fetched = (url: string, options: { field: string }) => {
    const bytes = publicFiles.get(url);
    if (!bytes) throw invalidInput(options.field, `${options.field} could not be fetched (HTTP 404)`);
    return bytes;
  };
  return {
    fetchPublicUrl: async (url: string, options: { field: string }) => ({ bytes: fetched(url, options), contentType: "application/octet-stream", finalUrl: url }),
    fetchPublicUrlToFile: async (url: string, file: string, options: { field: string }) => {
      const bytes = fetched(url, options);
      await writeFile(file, bytes);
      return { size: bytes.length, contentType: "application/octet-stream", finalUrl: url };
    },
  };
});

let vendor: VendorHarness;
let image: string;
let dance: string;
const DANCE_URL = "https://cdn.example.com/dance.mp4";
const workDirs: string[] = [];

beforeAll(async () => {
  vendor = await startVendorFake(viggleAdapter);
  const png = await sharp({ create: { width: 64, height: 96, channels: 3, background: "#3399cc" } })
    .png()
    .toBuffer();
  image = `data:image/png;base64,${png.toString("base64")}`;
  const video = await renderPreview({ kind: "video", prompt: "dance", width: 144, height: 256, seconds: 2 });
  dance = `data:video/mp4;base64,${video.bytes.toString("base64")}`;
  publicFiles.set(DANCE_URL, video.bytes);
});
afterAll(async () => {
  await vendor.close();
  await cleanupWorkDirs();
  await Promise.all(workDirs.map((d) => rm(d, { recursive: true, force: true })));
});

type Opts = Record<string, string | number | boolean>;
const job = (text: string, options: Opts = {}, input: Partial<GenerationJob["input"]> = {}) =>
  testJob("VIDEO", text, { model: "v4", mode: "standard", background: "original", duration: 2, ...options }, { image, video: dance, ...input });
const run = (j: GenerationJob, timeScale?: number) => runAdapter(viggleAdapter, j, { baseUrl: vendor.url, timeScale });
const renders = (h = vendor) => h.fake.requests.filter((r) => r.method === "POST" && r.path === "/api/render");
const formOf = (r: RecordedRequest) =>
  new Request("http://x", { method: "POST", headers: { "content-type": String(r.headers["content-type"]) }, body: Buffer.from(r.body, "utf8") }).formData();

/** What the workflow hands an adapter, with a real work directory (the adapter measures the video there). */
async function contextFor(j: GenerationJob, h = vendor): Promise<RunContext> {
  const workDir = await mkdtemp(path.join(tmpdir(), "viggle-test-"));
  workDirs.push(workDir);
  return { signal: new AbortController().signal, workDir, onProgress: () => undefined, vendor: vendorContext(j, { baseUrl: h.url }), waitForCallback: async () => undefined };
}

describe("Viggle transform", () => {
  it.each([
    [
      { model: "v4", mode: "standard", background: "original" },
      { model: "V4_Preview", background_mode: "original", fast: "false" },
    ],
    [
      { model: "v3", mode: "fast", background: "green" },
      { model: "V3_Preview", background_mode: "solid", bg_color: "0,255,0", fast: "true" },
    ],
    [
      { model: "v4", mode: "standard", background: "white" },
      { model: "V4_Preview", background_mode: "solid", bg_color: "255,255,255", fast: "false" },
    ],
    [
      { model: "v4", mode: "standard", background: "transparent" },
      { model: "V4_Preview", background_mode: "transparent", fast: "false" },
    ],
  ])("%o → form fields %o", (options, fields) => {
    expect(viggleFields(options)).toEqual(fields);
  });

  it.each([
    [
      { detail: { error_code: "CS-ORIV-001", message: "Reference image is required", action: "Upload a ref_image (PNG/JPG)" } },
      { code: "CS-ORIV-001", reason: "Reference image is required. Upload a ref_image (PNG/JPG)" },
    ],
    [{ detail: "Not authenticated" }, { reason: "Not authenticated" }],
    [{ detail: [{ loc: ["body", "model"], msg: "Input should be 'V4_Preview' or 'V3_Preview'" }] }, { reason: "model: Input should be 'V4_Preview' or 'V3_Preview'" }],
  ])("reads the error body %j", (body, read) => {
    expect(viggleError(body)).toEqual(read);
  });

  it.each([
    [{ duration: 10, mode: "standard" }, 30],
    [{ duration: 10, mode: "fast" }, 60],
    [{ duration: 45, mode: "standard" }, 135],
  ])("prices %o at %i credits (per second of driving video)", (options, credits) => {
    expect(viggle.models.VIDEO!.cost(firstRates(viggle.id, "VIDEO"), options, "")).toBe(credits);
  });

  it("needs both a character image and a driving video in the catalog", () => {
    expect(viggle.models.VIDEO!.inputs).toEqual({ image: "required", video: "required" });
  });
});

describe("Viggle adapter against the fake", () => {
  it("uploads data: URI inputs as multipart files with bearer auth, polls to complete and downloads the dance", async () => {
    const out = await run(job("dance please"));
    const render = renders().at(-1)!;
    expect(render.headers.authorization).toBe("Bearer sandbox-viggle-api-key");
    expect(render.headers["x-sandbox-scenario"]).toBeUndefined();
    const form = await formOf(render);
    expect(Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"))).toEqual({ model: "V4_Preview", background_mode: "original", fast: "false" });
    expect(form.get("ref_image")).toMatchObject({ type: "image/png", name: "character.png" });
    expect(form.get("driving_video")).toMatchObject({ type: "video/mp4", name: "driving.mp4" });
    const info = await probeMedia(out.file);
    expect(info).toMatchObject({ format: "mp4", width: 144, height: 256 });
    expect(info.duration).toBeCloseTo(2, 0);
    expect(out.task).toMatchObject({ id: expect.stringMatching(/^job_/), seconds: expect.closeTo(2, 0) });
    expect(out.progress.length).toBeGreaterThan(0);
  });

  it("passes URLs on for Viggle to fetch, but uploads the video in fast mode (Viggle requires it)", async () => {
    await run(job("by url", { background: "green" }, { image: "https://cdn.example.com/me.png", video: DANCE_URL }));
    const normal = await formOf(renders().at(-1)!);
    expect([normal.get("ref_image_url"), normal.get("driving_video_url"), normal.get("driving_video"), normal.get("bg_color")]).toEqual([
      "https://cdn.example.com/me.png",
      DANCE_URL,
      null,
      "0,255,0",
    ]);
    await run(job("by url, fast", { mode: "fast" }, { image: "https://cdn.example.com/me.png", video: DANCE_URL }));
    const fast = await formOf(renders().at(-1)!);
    expect(fast.get("driving_video_url")).toBeNull();
    expect(fast.get("driving_video")).toMatchObject({ type: "video/mp4" });
    expect(fast.get("fast")).toBe("true");
  });

  it("refuses a driving video longer than the duration it was priced for, before calling Viggle", async () => {
    const before = renders().length;
    await expect(run(job("too long", { duration: 1 }))).rejects.toMatchObject({
      code: "INVALID_INPUT",
      accepted: false,
      message: expect.stringContaining("The driving video is 2.0 s long"),
      details: expect.objectContaining({ field: "options.duration" }),
    });
    expect(renders().length).toBe(before);
  });

  it("maps CS-ORIV-004 (video too long) to INVALID_INPUT on input.video without retrying", async () => {
    const before = renders().length;
    await expect(run(job("x [sandbox:invalid]"))).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: expect.objectContaining({ vendorCode: "CS-ORIV-004", field: "input.video" }),
    });
    expect(renders().length - before).toBe(1);
  });

  it("maps an invalid key (CS-ORAU-002) to PROVIDER_UNAVAILABLE without retrying", async () => {
    const before = renders().length;
    const error = await runAdapter(viggleAdapter, job("who am i"), { baseUrl: vendor.url, credentials: { VIGGLE_API_KEY: "not a key" } }).catch((e) => e);
    expect(error).toMatchObject({ code: "PROVIDER_UNAVAILABLE", details: expect.objectContaining({ status: 401, vendorCode: "CS-ORAU-002" }) });
    expect(renders().length - before).toBe(1);
  });

  it("retries a 429 after Retry-After and then succeeds with one job", async () => {
    const before = vendor.fake.requests.length;
    const out = await run(job("busy [sandbox:rate_limit_once]", {}, { image: "https://cdn.example.com/busy.png" }));
    const during = vendor.fake.requests.slice(before);
    expect(during.filter((r) => r.method === "POST").map((r) => r.headers["x-sandbox-scenario"])).toEqual(["rate_limit_once", "rate_limit_once"]);
    expect(new Set(during.filter((r) => r.method === "GET" && r.path.startsWith("/api/")).map((r) => r.path))).toEqual(new Set([`/api/render/${out.task?.id}`]));
  });

  it("gives up on a 429 storm, a 503 page or a non-JSON answer as PROVIDER_UNAVAILABLE, not accepted", async () => {
    await expect(run(job("x [sandbox:rate_limit]"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", accepted: false, retryable: true });
    await expect(run(job("x [sandbox:outage]"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", accepted: false, details: expect.objectContaining({ status: 503 }) });
    await expect(run(job("x [sandbox:malformed]"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", message: expect.stringContaining("malformed") });
  });

  it("reports moderation and failures as GENERATION_FAILED with Viggle's message", async () => {
    await expect(run(job("x [sandbox:moderation]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", accepted: true, message: expect.stringContaining("content moderation") });
    await expect(run(job("x [sandbox:fail]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("Rendering failed unexpectedly") });
  });

  it("abandons a job that never finishes, cancels it at Viggle (refunded) and fails", async () => {
    const error = await run(job("x [sandbox:timeout]"), 1 / 2000).catch((e) => e);
    expect(error).toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("did not finish") });
    const cancel = vendor.fake.last("DELETE", "/api/render/")!;
    expect(cancel.headers.authorization).toBe("Bearer sandbox-viggle-api-key");
    expect((await (await fetch(`${vendor.url}${cancel.path}`)).json()).status).toBe("cancelled");
  });

  it("cancels a running job with DELETE /api/render/{job_id}; the status endpoint needs no key", async () => {
    const slow = await startVendorFake(viggleAdapter, 60_000);
    try {
      const j = job("stop me");
      const ctx = await contextFor(j, slow);
      const { task } = (await viggleAdapter.submit(j, ctx)) as { task: { id: string } };
      await viggleAdapter.cancel!(task, ctx);
      const status = await fetch(`${slow.url}/api/render/${task.id}`);
      expect(status.status).toBe(200);
      expect((await status.json()).status).toBe("cancelled");
      await expect(viggleAdapter.follow!(j, task, ctx)).rejects.toMatchObject({ code: "GENERATION_FAILED", message: "Viggle cancelled the job" });
    } finally {
      await slow.close();
    }
  });

  it("fails clearly when the result link has expired before the download", async () => {
    await expect(run(job("x [sandbox:expired_url]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("expired") });
  });
});
