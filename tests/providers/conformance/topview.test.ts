import fs from "node:fs";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "@/lib/media/probe";
import type { FakeReply } from "@/lib/providers/sandbox/fake-app";
import { renderPreview } from "@/lib/providers/sandbox/preview-media";
import { topviewAdapter } from "@/lib/providers/topview/adapter";
import { loadVendorContract, type VendorContract } from "../../helpers/openapi-contract";
import { contractProblems, declaredFields, startReplayVendor } from "../../helpers/replay-vendor";
import { cleanupWorkDirs, runAdapter, startVendorFake, testJob, type VendorHarness } from "../../helpers/vendor";

/**
 * Topview publishes no JavaScript client; the contract is its API reference (tests/fixtures/vendors/topview/, see
 * SOURCE.md): what our adapter sends must fit it and Topview's documented answers must parse with our adapter.
 */
const DIR = "tests/fixtures/vendors/topview";
const responses = JSON.parse(fs.readFileSync(`${DIR}/responses.json`, "utf8")) as Record<string, { status: number; body: Record<string, unknown> }>;
const declared = declaredFields(`${DIR}/openapi.yaml`);
const reply = (name: string): FakeReply => ({ status: responses[name].status, json: responses[name].body });

let contract: VendorContract;
let vendor: VendorHarness;
let photo: string;
let mp4: Buffer;

beforeAll(async () => {
  contract = await loadVendorContract(`${DIR}/openapi.yaml`);
  vendor = await startVendorFake(topviewAdapter);
  photo = `data:image/png;base64,${(
    await sharp({ create: { width: 80, height: 80, channels: 3, background: "#eeaa22" } })
      .png()
      .toBuffer()
  ).toString("base64")}`;
  mp4 = (await renderPreview({ kind: "video", prompt: "ad", width: 180, height: 320, seconds: 2 })).bytes;
});
afterAll(async () => {
  await vendor.close();
  await cleanupWorkDirs();
});

const job = (options: Record<string, string | number> = {}, input: Record<string, string> = { image: photo }) =>
  testJob("VIDEO", "Trail running shoes with a grippy sole. Light and waterproof.", { duration: 30, aspectRatio: "9:16", language: "en", ...options }, input);

describe("Topview contract: what we send", () => {
  it("an uploaded-photo ad, a product-page ad and a notice URL fit Topview's documented endpoints and fields", async () => {
    vendor.fake.requests.length = 0;
    await runAdapter(topviewAdapter, job({ productName: "Trail shoes", avatarId: "av1", duration: 45 }), { baseUrl: vendor.url });
    await runAdapter(topviewAdapter, job({ productUrl: "https://shop.example/trail-shoes", aspectRatio: "16:9", language: "de" }, {}), {
      baseUrl: vendor.url,
      callbackUrl: "https://doitong.example/cb?generation=g&token=t",
    });
    const api = vendor.fake.requests.filter((r) => r.path.startsWith("/v1/"));
    expect(new Set(api.map((r) => `${r.method} ${r.path}`))).toEqual(new Set(["GET /v1/upload/credential", "POST /v1/m2v/task/submit", "GET /v1/m2v/task/query"]));
    expect(await contractProblems(contract, api, declared)).toEqual([]);
  });

  it("a field Topview does not take would not pass (the check can fail)", async () => {
    const body = JSON.stringify({ productDescription: "x", fileIds: ["f"], videoLength: 30 });
    const problems = await contractProblems(
      contract,
      [{ method: "POST", path: "/v1/m2v/task/submit", query: {}, headers: { "content-type": "application/json", authorization: "Bearer k", "topview-uid": "u" }, body }],
      declared,
    );
    expect(problems).toEqual([expect.stringContaining('field "videoLength" is not in the vendor\'s schema')]);
  });
});

describe("Topview contract: Topview's documented responses", () => {
  it("the fixtures fit the documented shapes", () => {
    const op: Record<string, string> = { credential: "uploadCredential", submitted: "m2vSubmit", running: "m2vQuery", success: "m2vQuery", fail: "m2vQuery" };
    for (const [name, operation] of Object.entries(op)) expect([name, contract.responseErrors(operation, 200, responses[name].body)]).toEqual([name, []]);
    for (const name of Object.keys(responses).filter((n) => n.startsWith("error.")))
      expect([name, contract.responseErrors("m2vSubmit", 200, responses[name].body)]).toEqual([name, []]);
  });

  it("a documented run (product page → init → running → success with an export) ends with the video stored", async () => {
    const docs = await startReplayVendor("Topview", {
      "POST /v1/m2v/task/submit": [reply("submitted")],
      "GET /v1/m2v/task/query": (req, app) => {
        if (app.requests.filter((r) => r.path === "/v1/m2v/task/query").length < 2) return reply("running");
        const body = structuredClone(responses.success.body) as { result: { exportVideos: { videoUrl: string }[] } };
        body.result.exportVideos[0].videoUrl = app.publish(req.origin, mp4, "video/mp4", 60_000);
        return { json: body };
      },
    });
    try {
      const out = await runAdapter(topviewAdapter, job({ productUrl: "https://shop.example/p" }, {}), {
        baseUrl: docs.url,
        credentials: { TOPVIEW_API_KEY: "k", TOPVIEW_UID: "u" },
      });
      expect(out.task?.id).toBe("3f2e1d0c9b8a");
      expect((await probeMedia(out.file)).format).toBe("mp4");
    } finally {
      await docs.close();
    }
  });

  it.each([
    ["fail", { code: "GENERATION_FAILED", message: expect.stringContaining("could not be parsed") }],
    ["error.parameter", { code: "INVALID_INPUT", details: expect.objectContaining({ vendorCode: "4000" }) }],
    ["error.credits", { code: "PROVIDER_UNAVAILABLE", message: expect.stringContaining("out of credits") }],
    ["error.security", { code: "GENERATION_FAILED", message: expect.stringContaining("content security") }],
  ])("documented %s is understood as %j", async (name, expected) => {
    const docs = await startReplayVendor("Topview", {
      "POST /v1/m2v/task/submit": [name === "fail" ? reply("submitted") : reply(name)],
      "GET /v1/m2v/task/query": [reply(name)],
      "DELETE /v1/m2v/task/delete": [{ json: { code: "200", message: "Success", result: null } }],
    });
    try {
      await expect(
        runAdapter(topviewAdapter, job({ productUrl: "https://shop.example/p" }, {}), { baseUrl: docs.url, credentials: { TOPVIEW_API_KEY: "k", TOPVIEW_UID: "u" } }),
      ).rejects.toMatchObject(expected);
    } finally {
      await docs.close();
    }
  });
});
