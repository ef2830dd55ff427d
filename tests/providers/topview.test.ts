import sharp from "sharp";
import { firstRates } from "@/tests/helpers/first-prices";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "@/lib/media/probe";
import { topview } from "@/lib/providers/catalog/topview";
import { topviewAdapter } from "@/lib/providers/topview/adapter";
import { topviewError } from "@/lib/providers/topview/client";
import { assertTopviewSource, reconcileTopview, toTopviewSubmit, topviewPhase } from "@/lib/providers/topview/transform";
import type { GenerationJob, RunContext } from "@/lib/providers/types";
import { cleanupWorkDirs, runAdapter, startCallbackReceiver, startVendorFake, testJob, type VendorHarness, vendorContext } from "../helpers/vendor";

let vendor: VendorHarness;
let photo: string;
let photoBytes: Buffer;

beforeAll(async () => {
  vendor = await startVendorFake(topviewAdapter);
  photoBytes = await sharp({ create: { width: 80, height: 80, channels: 3, background: "#eeaa22" } })
    .png()
    .toBuffer();
  photo = `data:image/png;base64,${photoBytes.toString("base64")}`;
});
afterAll(async () => {
  await vendor.close();
  await cleanupWorkDirs();
});

type Opts = Record<string, string | number | boolean>;
const job = (text: string, options: Opts = {}, input: Partial<GenerationJob["input"]> = { image: photo }) =>
  testJob("VIDEO", text, { duration: 30, aspectRatio: "9:16", language: "en", ...options }, input);
const run = (j: GenerationJob, timeScale?: number) => runAdapter(topviewAdapter, j, { baseUrl: vendor.url, timeScale });
const submits = () => vendor.fake.requests.filter((r) => r.method === "POST" && r.path === "/v1/m2v/task/submit");
const query = (taskId: string) => fetch(`${vendor.url}/v1/m2v/task/query?taskId=${taskId}`, { headers: { authorization: "Bearer x", "topview-uid": "u" } }).then((r) => r.json());

describe("Topview transform", () => {
  it.each([
    [30, 2],
    [45, 3],
    [60, 4],
  ])("duration %i → videoLengthType %i", (duration, type) => {
    expect(toTopviewSubmit(job("x", { duration }), ["f1"]).videoLengthType).toBe(type);
  });

  it("sends a product page as productLink, with the prompt as the description to write the script from", () => {
    const body = toTopviewSubmit(
      job("Waterproof hiking boots for winter", { productUrl: "https://shop.example/boots", aspectRatio: "16:9", language: "de", avatarId: "av_1" }, { voice: "v_9" }),
      [],
      "https://us.example/cb",
    );
    expect(body).toEqual({
      productLink: "https://shop.example/boots",
      productDescription: "Waterproof hiking boots for winter",
      aspectRatio: "16:9",
      language: "de",
      voiceId: "v_9",
      aiavatarId: "av_1",
      videoLengthType: 2,
      preview: "false",
      noticeUrl: "https://us.example/cb",
    });
  });

  it("sends uploaded photos as fileIds and names the product from the prompt's first sentence", () => {
    const long = "An ultralight titanium camping stove that boils water in three minutes flat and folds into a pocket. Great gift.";
    const body = toTopviewSubmit(job(long), ["file_1"]);
    expect(body).toMatchObject({ fileIds: ["file_1"], productName: "An ultralight titanium camping stove that boils water in", productDescription: long });
    expect(body.productLink).toBeUndefined();
    expect(toTopviewSubmit(job("x", { productName: "Stove X" }), ["f"]).productName).toBe("Stove X");
  });

  it("needs a product page or a photo, refused as INVALID_INPUT on options.productUrl", () => {
    expect(() => assertTopviewSource(job("x", {}, {}))).toThrow(
      expect.objectContaining({ code: "INVALID_INPUT", details: expect.objectContaining({ field: "options.productUrl" }) }),
    );
    expect(() => assertTopviewSource(job("x", { productUrl: "https://shop.example/p" }, {}))).not.toThrow();
  });

  it("warns that a photo is ignored when a product page is given", () => {
    expect(reconcileTopview({ productUrl: "https://shop.example/p" }, { image: photo }).warnings).toEqual([expect.stringContaining("input.image is ignored")]);
    expect(reconcileTopview({}, { image: photo }).warnings).toEqual([]);
  });

  it.each([
    ["init", "pending"],
    ["running", "pending"],
    ["processing", "pending"],
    [null, "pending"],
    ["success", "succeeded"],
    ["SUCCEEDED", "succeeded"],
    ["fail", "failed"],
    ["error", "failed"],
  ])("status %s → %s", (status, phase) => {
    expect(topviewPhase(status)).toBe(phase);
  });

  it.each([
    ["4000", "INVALID_INPUT", false],
    ["4003", "INVALID_INPUT", false],
    ["4002", "PROVIDER_UNAVAILABLE", false],
    ["4100", "PROVIDER_UNAVAILABLE", false],
    ["4007", "PROVIDER_UNAVAILABLE", true],
    ["5003", "PROVIDER_UNAVAILABLE", true],
    ["5000", "PROVIDER_UNAVAILABLE", true],
    ["6001", "GENERATION_FAILED", false],
  ])("code %s inside HTTP 200 → %s (retryable: %s)", (code, ours, retryable) => {
    expect(topviewError(code, "m")).toMatchObject({ code: ours, retryable, details: expect.objectContaining({ vendorCode: code }) });
  });

  it("prices by the longest length allowed", () => {
    expect([30, 45, 60].map((duration) => topview.models.VIDEO!.cost(firstRates(topview.id, "VIDEO"), { duration }, ""))).toEqual([60, 90, 120]);
  });
});

describe("Topview adapter against the fake", () => {
  it("uploads the photo through a pre-signed URL, submits with both auth headers and downloads the exported video", async () => {
    const before = vendor.fake.requests.length;
    const out = await run(job("Hand-thrown ceramic coffee mug. Holds 350 ml."));
    const [credential, upload, submit] = vendor.fake.requests.slice(before);
    expect(credential).toMatchObject({ method: "GET", path: "/v1/upload/credential", query: { format: "png" } });
    expect(credential.headers).toMatchObject({ authorization: "Bearer sandbox-topview-api-key", "topview-uid": "sandbox-topview-uid" });
    expect(upload.method).toBe("PUT");
    expect(upload.headers.authorization).toBeUndefined();
    expect(upload.headers["content-type"]).toBe("image/png");
    expect(Number(upload.headers["content-length"])).toBe(photoBytes.length);
    expect(JSON.parse(submit.body)).toEqual({
      fileIds: [upload.path.split("/").pop()!.split(".")[0]],
      productName: "Hand-thrown ceramic coffee mug",
      productDescription: "Hand-thrown ceramic coffee mug. Holds 350 ml.",
      aspectRatio: "9:16",
      language: "en",
      videoLengthType: 2,
      preview: "false",
    });
    expect(submit.headers["topview-uid"]).toBe("sandbox-topview-uid");
    const info = await probeMedia(out.file);
    expect(info).toMatchObject({ format: "mp4", width: 180, height: 320 });
    expect(info.duration).toBeGreaterThanOrEqual(15);
    expect(info.duration).toBeLessThanOrEqual(30);
  });

  it("sends a product page without uploading anything", async () => {
    const before = vendor.fake.requests.length;
    await run(job("Boots for winter", { productUrl: "https://shop.example/boots", aspectRatio: "16:9" }, {}));
    const during = vendor.fake.requests.slice(before);
    expect(during.some((r) => r.path.startsWith("/v1/upload") || r.method === "PUT")).toBe(false);
    expect(JSON.parse(during.find((r) => r.path === "/v1/m2v/task/submit")!.body)).toMatchObject({ productLink: "https://shop.example/boots", aspectRatio: "16:9" });
  });

  it("refuses a job with neither product page nor photo before calling Topview", async () => {
    const before = vendor.fake.requests.length;
    await expect(run(job("nothing to show", {}, {}))).rejects.toMatchObject({
      code: "INVALID_INPUT",
      accepted: false,
      details: expect.objectContaining({ field: "options.productUrl" }),
    });
    expect(vendor.fake.requests.length).toBe(before);
  });

  it("maps code 4000 inside HTTP 200 to INVALID_INPUT without retrying", async () => {
    const before = submits().length;
    await expect(run(job("bad [sandbox:invalid]"))).rejects.toMatchObject({ code: "INVALID_INPUT", details: expect.objectContaining({ vendorCode: "4000" }) });
    expect(submits().length - before).toBe(1);
  });

  it("maps a refused key (code 4002 inside HTTP 200) to PROVIDER_UNAVAILABLE without retrying", async () => {
    const before = vendor.fake.requests.length;
    const error = await runAdapter(topviewAdapter, job("who am i"), { baseUrl: vendor.url, credentials: { TOPVIEW_API_KEY: "not a key", TOPVIEW_UID: "u1" } }).catch((e) => e);
    expect(error).toMatchObject({ code: "PROVIDER_UNAVAILABLE", message: expect.stringContaining("credentials"), details: expect.objectContaining({ vendorCode: "4002" }) });
    expect(vendor.fake.requests.length - before).toBe(1);
  });

  it("retries 'server busy' (code 5003 inside HTTP 200) and then succeeds with one task", async () => {
    const before = vendor.fake.requests.length;
    const out = await run(job("busy hour [sandbox:rate_limit_once]"));
    const during = vendor.fake.requests.slice(before);
    expect(during.filter((r) => r.path === "/v1/m2v/task/submit").length).toBe(2);
    expect(new Set(during.filter((r) => r.path === "/v1/m2v/task/query").map((r) => r.query.taskId))).toEqual(new Set([out.task?.id]));
  });

  it("gives up on a busy storm, a 502 page or a non-JSON answer as PROVIDER_UNAVAILABLE, not accepted", async () => {
    await expect(run(job("x [sandbox:rate_limit]"))).rejects.toMatchObject({
      code: "PROVIDER_UNAVAILABLE",
      accepted: false,
      retryable: true,
      details: expect.objectContaining({ vendorCode: "5003" }),
    });
    await expect(run(job("x [sandbox:outage]"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", accepted: false, details: expect.objectContaining({ status: 502 }) });
    await expect(run(job("x [sandbox:malformed]"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", message: expect.stringContaining("malformed") });
  });

  it("reports the security check and failures as GENERATION_FAILED with Topview's errorMsg", async () => {
    await expect(run(job("x [sandbox:moderation]"))).rejects.toMatchObject({
      code: "GENERATION_FAILED",
      accepted: true,
      message: expect.stringContaining("content security check"),
    });
    await expect(run(job("x [sandbox:fail]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("Video generation failed") });
  });

  it("abandons a task that never finishes, deletes it at Topview and fails", async () => {
    const error = await run(job("forever [sandbox:timeout]"), 1 / 2000).catch((e) => e);
    expect(error).toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("did not finish within 40 minutes") });
    const deleted = vendor.fake.last("DELETE", "/v1/m2v/task/delete")!;
    const [taskId] = JSON.parse(deleted.body).taskIds;
    expect(await query(taskId)).toMatchObject({ code: "4004" });
  });

  it("cancels (deletes) a task", async () => {
    const j = job("stop me");
    const ctx: RunContext = {
      signal: new AbortController().signal,
      workDir: "/nonexistent",
      onProgress: () => undefined,
      vendor: vendorContext(j, { baseUrl: vendor.url }),
      waitForCallback: async () => undefined,
    };
    const { task } = (await topviewAdapter.submit(j, ctx)) as { task: { id: string } };
    await topviewAdapter.cancel!(task, ctx);
    expect(JSON.parse(vendor.fake.last("DELETE", "/v1/m2v/task/delete")!.body)).toEqual({ taskIds: [task.id] });
    expect(await query(task.id)).toMatchObject({ code: "4004", message: "Resource not found!" });
  });

  it("fails clearly when the result link has expired before the download", async () => {
    await expect(run(job("too late [sandbox:expired_url]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("expired") });
  });

  it("finishes on Topview's noticeUrl call instead of waiting for the next poll", async () => {
    const j = job("called back");
    const receiver = await startCallbackReceiver<{ result: { status: string } }>(topviewAdapter, j, { baseUrl: vendor.url });
    try {
      const started = Date.now();
      // The 10 s poll stretched to 50 s: finishing well inside it can only be the callback's doing.
      const out = await runAdapter(topviewAdapter, j, { baseUrl: vendor.url, timeScale: 5, callbackUrl: receiver.url });
      expect(Date.now() - started).toBeLessThan(25_000);
      expect(JSON.parse(submits().at(-1)!.body).noticeUrl).toBe(receiver.url);
      expect(receiver.bodies.map((b) => b.result.status)).toEqual(expect.arrayContaining(["running", "success"]));
      expect((await probeMedia(out.file)).format).toBe("mp4");
    } finally {
      await receiver.close();
    }
  });
});
